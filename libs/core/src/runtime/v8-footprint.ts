import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The V8 line Node runs on (Node 20: 11, 22: 12, 24: 13): several settings below depend on it. */
export const V8_MAJOR = Number(process.versions.v8.split('.')[0]);

/**
 * V8 settings that trade a little speed for memory, for 1 GB boards (bench/startup.js; README
 * "Memory and start-up"). Flags set after start only affect what is compiled or allocated later,
 * so main() calls this first. SKYGATE_V8_DEFAULTS=true leaves V8 as it is (for comparisons).
 */
export function favourMemoryOverSpeed(): void {
  if (process.env.SKYGATE_V8_DEFAULTS === 'true') return;
  compactStartOnV8Before12();
  capYoungGeneration();
  dropIdleBytecodeSooner();
}

/**
 * Start-up under --optimize-for-size: a smaller, more eagerly collected heap. Node 20's V8 11 still
 * needs it (embedded database reopened, idle 30 s after start: 156-158 MiB with it, 184-185 without).
 * On Node 22 and 24 the idle heap is the same without it (PGlite reopened 160-165 MiB either way,
 * PostgreSQL 105-107), while its memory-reducing full collections (five on a PGlite start, 20-90 ms
 * each) made starts slower: PGlite reopened 2.49 → 1.85 s (Node 22), 2.68 → 2.06 s (Node 24), new
 * 2.36 → 2.00 s (Node 24), alternating runs on one machine (bench/README.md, 2026-12-01).
 */
function compactStartOnV8Before12(): void {
  if (V8_MAJOR < 12) setFlagsFromString('--optimize-for-size');
}

/**
 * Bytecode of functions that did not run since the last full collection is dropped (V8 13: after 6).
 * Node 24 idled on PostgreSQL with 3.3 MiB of it, mostly start-up's, and 0.7 with this (idle RSS
 * 126 → 119-121 MiB; PostgreSQL starts 1.30-1.38 s against 1.31-1.51 pinned to one core). A dropped
 * function compiles again lazily if it ever runs again. Node 20's V8 11 kept its 1.7 MiB either way
 * and its starts looked slower with it (1.60-2.10 against 1.50-1.87 s), so it is left alone there.
 */
function dropIdleBytecodeSooner(): void {
  if (V8_MAJOR >= 13) setFlagsFromString('--bytecode-old-age=1');
}

/**
 * The young generation's largest size as Node 22's V8 12 has it (8 MiB, doubled without pointer
 * compression); Node 24's V8 13 allows 32 (64). V8 starts a full mark-compact whenever the old
 * generation's room left is below the young generation's size, and 64 MiB is more than a ~50 MiB heap
 * has after a full collection even at OLD_GENERATION_GROWING_PERCENT: a 1 GiB SyncAPI upload on
 * Node 24 ran 13-17 full collections and grew RSS by 82-99 MiB, and 0 and 48 MiB with this cap
 * (bench/upload.js). Node 20's V8 11 has neither the flag nor the larger default.
 */
function capYoungGeneration(): void {
  if (V8_MAJOR >= 12) setFlagsFromString('--scavenger-max-new-space-capacity-mb=8');
}

/**
 * Called once the server listens: on Node 20 start-up (most of the code, compiled once) ran with
 * --optimize-for-size and keeps its small heap, while the request path, compiled hot from here on,
 * gets V8's full optimisation. Left on, the flag doubled the server CPU per request
 * (GET /auth/me with an API key: ~1,000 → ~550-700 µs; bench/request-path.js).
 */
export function favourSpeedOnceStarted(): void {
  if (process.env.SKYGATE_V8_DEFAULTS === 'true') return;
  setFlagsFromString('--no-optimize-for-size');
  setFlagsFromString(`--heap-growing-percent=${OLD_GENERATION_GROWING_PERCENT}`);
  setTimeout(collectOnce, COLLECT_AFTER_LISTENING_MS).unref();
}

/**
 * The collection below waits this long after the server listens: run at once, its ~65 ms (Node 24,
 * PostgreSQL; more on a slower core) came before the first answer. A large upload begun within this
 * second meets the old limits for that long only.
 */
export const COLLECT_AFTER_LISTENING_MS = 1000;

/**
 * How far the old generation may grow past what survived the last full collection. Start-up under
 * --optimize-for-size leaves V8's memory reducer in the state where the heap "grows slowly" (at most
 * 1.3×): a ~54 MiB heap then had ~10 MiB of room, less than the young generation an upload grows to,
 * so V8 started a full mark-compact after nearly every young collection (34-41 per GiB uploaded through
 * the SyncAPI, 4 GC threads busy ~0.6 s each, the upload at 200-230 MiB/s against 330-480 for a
 * bare server). 50 % still gave 20-21 per GiB, 100 % none (300-430 MiB/s); V8's own default lets a
 * small heap grow up to 4×. bench/upload.js reports the count ("server full GCs per GiB"). Measured when
 * every Node started under the flag; Node 22 and 24 no longer do, and it is kept there unmeasured (0 full
 * GCs per GiB with it on Node 24, 2026-12-01).
 */
const OLD_GENERATION_GROWING_PERCENT = 100;

/**
 * One full collection under the settings the server runs with from here on. Without it the heap
 * kept the limits it last computed under --optimize-for-size, so the buffers of a large upload
 * (external memory) set off a full mark-compact every few dozen MiB: 37 per GiB where a bare
 * server had 1, and uploads ran at half speed (bench/archive-upload.js 125-180 → 223-424 MB/s,
 * bench/upload.js 124-168 → 287-357 MiB/s; bench/README.md, 2026-11-30). Node offers no such call without --expose-gc on its
 * command line, so the flag is on only while a context holding `gc` is made.
 */
function collectOnce(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  setFlagsFromString('--no-expose-gc');
  gc();
}

let liftoffOnly = false;

/**
 * Keeps WebAssembly on V8's baseline compiler (Liftoff). Without it V8 compiles PGlite's 10 MB
 * postgres module a second time with TurboFan in the background: ~50 MiB more resident and a core
 * busy for seconds, while Skygate's small queries run as fast on Liftoff code (1,300 inserts and
 * selects: 2.3 s Liftoff, 6.2 s default, on a loaded 2-core machine). Process-wide; PGlite is the
 * only WebAssembly Skygate runs.
 */
export function useBaselineWasmCompiler(): void {
  if (liftoffOnly || process.env.SKYGATE_V8_DEFAULTS === 'true') return;
  setFlagsFromString('--liftoff-only');
  // Set after start, --liftoff-only no longer implies these on Node 24 (V8 13): tier-up stayed on,
  // and a reopened embedded database peaked at 767 MiB and idled at 284 (197 with them; Node 20: 183).
  setFlagsFromString('--no-wasm-tier-up');
  setFlagsFromString('--no-wasm-dynamic-tiering');
  liftoffOnly = true;
}
