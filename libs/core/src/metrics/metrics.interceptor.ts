import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { WIRE_FAMILY, type WireFamily } from '../security/access';
import { MetricsService } from './metrics.service';

/** Times every HTTP request from the handler's start to the response's end, labelled by wire family. */
@Injectable()
export class MetricsInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly metrics: MetricsService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const started = performance.now();
    const family = this.reflector.getAllAndOverride<WireFamily | undefined>(WIRE_FAMILY, [context.getHandler(), context.getClass()]) ?? 'skygate';
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const upload = req.headers['content-type']?.startsWith('multipart/') === true;
    res.once('finish', () => this.metrics.observeRequest(family, res.statusCode, (performance.now() - started) / 1000, upload));
    return next.handle();
  }
}
