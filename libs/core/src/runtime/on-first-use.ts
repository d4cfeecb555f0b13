/**
 * What `load` returns, made on the first call instead of at import. For libraries that only some
 * requests need: their source and top-level objects stay out of the heap a server idles with
 * (bench/startup.js; README "Memory and start-up").
 */
export function onFirstUse<T>(load: () => T): () => T {
  let loaded: { value: T } | undefined;
  return () => (loaded ??= { value: load() }).value;
}
