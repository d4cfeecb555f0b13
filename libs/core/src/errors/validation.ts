import { HttpException, ValidationPipe, type ArgumentMetadata, type ValidationPipeOptions } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/** Query parameters that carry credentials (Mycodo's `?api_key=`): read by the auth guard, never validated as a route's parameters. */
export const CREDENTIAL_QUERY_PARAMETERS = ['api_key'];

const IGNORES_UNKNOWN = Symbol('skygate:ignores-unknown-properties');

/**
 * Marks a body or query DTO whose wire family drops properties it does not know instead of
 * refusing them (Django REST framework does, and Arcsecond's clients rely on it). The known
 * properties are still validated, and the unknown ones never reach the handler.
 */
export function IgnoreUnknownProperties(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(IGNORES_UNKNOWN, true, target);
  };
}

function ignoresUnknown(metatype: unknown): boolean {
  return typeof metatype === 'function' && Reflect.getMetadata(IGNORES_UNKNOWN, metatype) === true;
}

const COMMON_OPTIONS: ValidationPipeOptions = { whitelist: true, transform: true, stopAtFirstError: false };

const FIELD_ERRORS = Symbol('skygate:field-errors');

/** Messages per field, nested like the input (`{"coordinates": {"latitude": ["..."]}}`). */
export interface FieldErrors {
  [field: string]: string[] | FieldErrors;
}

function fieldErrorsOf(errors: ValidationError[]): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    if (e.children?.length) out[e.property] = fieldErrorsOf(e.children);
    else out[e.property] = Object.values(e.constraints ?? {});
  }
  return out;
}

/**
 * The validation failure with its messages per field beside the usual flat list, for wire
 * families that answer field by field (Django REST's `{"field": ["msg"]}`). The body the other
 * families render is unchanged.
 */
export function validationFieldErrors(exception: unknown): FieldErrors | undefined {
  return exception instanceof HttpException ? (exception as HttpException & { [FIELD_ERRORS]?: FieldErrors })[FIELD_ERRORS] : undefined;
}

/** Keeps the failure's errors per field on the exception (not in its body). */
class FieldAwareValidationPipe extends ValidationPipe {
  override createExceptionFactory(): (errors?: ValidationError[]) => unknown {
    const flat = super.createExceptionFactory();
    return (errors = []) => {
      const exception = flat(errors);
      if (exception instanceof HttpException) Object.defineProperty(exception, FIELD_ERRORS, { value: fieldErrorsOf(errors) });
      return exception;
    };
  }
}

/** Drops credential parameters from a route's query object before its DTO sees them; lets marked DTOs drop unknown properties. */
class RequestValidationPipe extends FieldAwareValidationPipe {
  private readonly lenient = new FieldAwareValidationPipe({ ...COMMON_OPTIONS, forbidNonWhitelisted: false });

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    let input = value;
    if (metadata.type === 'query' && !metadata.data && value && typeof value === 'object' && CREDENTIAL_QUERY_PARAMETERS.some((p) => p in value)) {
      const { ...rest } = value as Record<string, unknown>;
      for (const name of CREDENTIAL_QUERY_PARAMETERS) delete rest[name];
      input = rest;
    }
    return ignoresUnknown(metadata.metatype) ? this.lenient.transform(input, metadata) : super.transform(input, metadata);
  }
}

/**
 * The request-validation pipe every module shares: unknown properties are refused (not silently
 * dropped) and each message names the offending field, e.g. "steps must be a positive number".
 * Credentials in the query string are not properties of any route. DTOs marked
 * `@IgnoreUnknownProperties()` drop unknown properties instead (still validating the known ones).
 */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({ ...COMMON_OPTIONS, forbidNonWhitelisted: true });
}
