import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';

/** Query parameters that carry credentials (Mycodo's `?api_key=`): read by the auth guard, never validated as a route's parameters. */
export const CREDENTIAL_QUERY_PARAMETERS = ['api_key'];

/** Drops credential parameters from a route's query object before its DTO sees them. */
class RequestValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && !metadata.data && value && typeof value === 'object' && CREDENTIAL_QUERY_PARAMETERS.some((p) => p in value)) {
      const { ...rest } = value as Record<string, unknown>;
      for (const name of CREDENTIAL_QUERY_PARAMETERS) delete rest[name];
      return super.transform(rest, metadata);
    }
    return super.transform(value, metadata);
  }
}

/**
 * The request-validation pipe every module shares: unknown properties are refused (not silently
 * dropped) and each message names the offending field, e.g. "steps must be a positive number".
 * Credentials in the query string are not properties of any route.
 */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
  });
}
