import { ValidationPipe } from '@nestjs/common';

/**
 * The request-validation pipe every module shares: unknown properties are refused (not silently
 * dropped) and each message names the offending field, e.g. "steps must be a positive number".
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
  });
}
