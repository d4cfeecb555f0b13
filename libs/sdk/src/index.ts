import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema';

export type { components, operations, paths } from './schema';
export type SkygateClient = Client<paths>;

/**
 * A typed client for the Skygate API, generated from openapi/skygate.openapi.json
 * (`npm run openapi`). Paths, parameters and bodies are checked at compile time.
 */
export function createSkygateClient(baseUrl: string, options: Omit<ClientOptions, 'baseUrl'> = {}): SkygateClient {
  return createClient<paths>({ baseUrl, ...options });
}
