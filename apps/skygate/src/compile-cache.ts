import * as nodeModule from 'node:module';

// First import of main.ts, before Nest and TypeORM load: V8 keeps the compiled code of every module
// on disk (Node >= 22.1; the default folder is node-compile-cache in the OS temp dir), so later
// starts skip most compiling (bench/startup.js). Node 20 has no such API and starts as before.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
