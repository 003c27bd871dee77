#!/usr/bin/env node
// @ts-check
// The grammar fuzzer, run long: the generators of test/fuzz/grammars.test.ts (test/fuzz/arbitraries.mjs), with larger
// sizes and as many inputs as asked, against the built library (dist/; run `npm run -s build` first). Each input runs in
// a worker thread with a time limit, so a hang is reported rather than waited for.
//
//   node test/fuzz/long-run.mjs --runs 20000 --seed 20261207 [--jobs 2] [--hang-ms 30000] [--no-minimize] [--save crashes.jsonl]
//     [--lib path/to/engines.js]   (another build, e.g. a copy of dist/ that a rebuild cannot change under the run)
//
// Prints a JSON summary: inputs run, crashes (anything thrown that is not an InputError, an InputError or a reason
// that passes an engine error off as one, a hang, a worker out of memory), each with its input, the error, the top of
// its stack and a minimized reproducer; the slowest inputs with their times, and how many inputs took over 1000 ms.
// `--save FILE` appends each crash's whole input (the summary shortens long ones) to FILE as JSON lines.
// FUZZ_PROGRESS=1 prints progress on standard error every 200 inputs. Exit code 1 when anything crashed.
import fc from 'fast-check';
import { appendFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { claimsText, expressionText, problemAndSubmission, tokenize } from './arbitraries.mjs';

// the engines entry (chainrule/engines) holds checkClaims, parseProblems, gradeSubmission and parse
const LIBRARY = new URL('../../dist/engines.js', import.meta.url).href;

/** @typedef {{ kind: 'claims'; text: string } | { kind: 'problems'; text: string; submission: string } | { kind: 'expression'; text: string }} Input */
/** @typedef {{ what: string; name: string; message: string; stack: string }} Crash */

/** What an engine error says (a crash, even when it arrives wrapped in an InputError); as in grammars.test.ts. */
const ENGINE_ERROR = /internal error|Maximum call stack size|Maximum BigInt size|Invalid array length|Invalid string length|Cannot read propert|Cannot set propert|Cannot convert|is not iterable|out of memory/;

/** Sizes for the long run: deeper nesting, longer lines and more lines than in CI. */
const LONG_SIZES = { maxDepth: 450, maxRepeat: 6000, maxLines: 10 };

/** @type {fc.Arbitrary<Input>} */
const inputs = fc.oneof(
  { arbitrary: claimsText(LONG_SIZES).map((text) => /** @type {Input} */ ({ kind: 'claims', text })), weight: 5 },
  { arbitrary: problemAndSubmission(LONG_SIZES).map(([text, submission]) => /** @type {Input} */ ({ kind: 'problems', text, submission })), weight: 3 },
  { arbitrary: expressionText(LONG_SIZES).map((text) => /** @type {Input} */ ({ kind: 'expression', text })), weight: 2 },
);

// ─── The oracle (runs in the workers) ────────────────────────────────────────────────────────────────────────────

/**
 * What went wrong on an input, or undefined when nothing did.
 * @param {any} lib
 * @param {Input} input
 * @returns {Crash | undefined}
 */
function crashOf(lib, input) {
  const thrown = (/** @type {string} */ what, /** @type {any} */ error) => ({ what, name: error?.name ?? typeof error, message: String(error?.message ?? error), stack: topOfStack(error) });
  const internal = (/** @type {string} */ what, /** @type {string} */ message) => ({ what, name: 'internal error', message, stack: '' });
  /** An exception that is not an InputError, or an InputError that passes an engine error off as one. */
  const bad = (/** @type {string} */ what, /** @type {any} */ error) =>
    !(error instanceof lib.InputError) ? thrown(`${what} threw something other than an InputError`, error) : ENGINE_ERROR.test(error.message) ? thrown(`${what}: an InputError hides a crash`, error) : undefined;
  if (input.kind === 'expression') {
    try {
      lib.parse(input.text);
    } catch (error) {
      return bad('parse', error);
    }
    return undefined;
  }
  if (input.kind === 'claims') {
    let report;
    try {
      report = lib.checkClaims(input.text);
    } catch (error) {
      return thrown('checkClaims threw', error);
    }
    for (const claim of report.claims) {
      if (claim.reason?.includes('internal error')) return internal(`claim on line ${claim.line} is undetermined with an internal error`, claim.reason);
    }
    for (const { line, error } of report.errors) {
      const crash = bad(`checkClaims, line ${line}`, error);
      if (crash) return crash;
    }
    return undefined;
  }
  let set;
  try {
    set = lib.parseProblems(input.text, 'fuzz.problems');
  } catch (error) {
    return bad('parseProblems', error);
  }
  for (const warning of set.warnings ?? []) {
    if (String(warning).includes('internal error')) return internal('parseProblems warned of an internal error', String(warning));
  }
  let grade;
  try {
    grade = lib.gradeSubmission(set, input.submission, 'student');
  } catch (error) {
    return thrown('gradeSubmission threw', error);
  }
  for (const { line, message } of grade.errors) {
    if (ENGINE_ERROR.test(message)) return internal(`gradeSubmission: the error on line ${line} hides a crash`, message);
  }
  const answers = [...grade.extra, ...grade.parts.flatMap((/** @type {any} */ part) => part.asks.map((/** @type {any} */ ask) => ask.answer).filter(Boolean))];
  for (const claim of answers) {
    if (claim.reason?.includes('internal error')) return internal(`graded claim on line ${claim.line} is undetermined with an internal error`, claim.reason);
  }
  return undefined;
}

/** The first frames of an error's stack that are in chainrule itself. */
function topOfStack(/** @type {any} */ error) {
  const frames = String(error?.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '));
  const own = frames.filter((line) => line.includes('/dist/') || line.includes('/src/'));
  return (own.length > 0 ? own : frames)
    .slice(0, 3)
    .map((line) => line.trim().replace(/\(.*\/(dist|src)\//, '($1/').replace(/file:\/\/.*\/(dist|src)\//, '$1/'))
    .join(' | ');
}

if (!isMainThread) {
  const lib = await import(workerData?.library ?? LIBRARY);
  parentPort?.on('message', (/** @type {{ id: number; input: Input }} */ { id, input }) => {
    const start = performance.now();
    const crash = crashOf(lib, input);
    parentPort?.postMessage({ id, ms: performance.now() - start, crash });
  });
}

// ─── The driver ──────────────────────────────────────────────────────────────────────────────────────────────────

/** A pool of workers, each running one input at a time; an input over the time limit kills its worker. */
class Pool {
  /** @param {number} size @param {number} hangMs @param {string} library */
  constructor(size, hangMs, library) {
    this.hangMs = hangMs;
    this.library = library;
    /** @type {{ worker: Worker; busy: boolean }[]} */
    this.slots = [];
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
    /** @type {(() => void)[]} */
    this.waiting = [];
  }

  spawn() {
    // the default stack, as the CLI's claim workers (src/cli/guard.ts) have
    const worker = new Worker(new URL(import.meta.url), { workerData: { library: this.library }, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    worker.unref();
    worker.on('error', () => {}); // a worker that dies after its input was given up on (a hang) is already counted
    return { worker, busy: false };
  }

  /** @returns {Promise<{ worker: Worker; busy: boolean }>} */
  async slot() {
    for (;;) {
      const free = this.slots.find((slot) => !slot.busy);
      if (free) {
        free.busy = true; // taken at once, before any other caller can see it free
        return free;
      }
      await new Promise((resolve) => this.waiting.push(() => resolve(undefined)));
    }
  }

  /**
   * Runs an input: its time, and what went wrong.
   * @param {Input} input
   * @param {number} limitMs
   * @returns {Promise<{ ms: number; crash?: Crash }>}
   */
  async run(input, limitMs = this.hangMs) {
    const slot = await this.slot();
    const id = Math.random();
    const start = performance.now();
    try {
      return await new Promise((resolve) => {
        const timer = setTimeout(() => {
          cleanup();
          void slot.worker.terminate();
          Object.assign(slot, this.spawn());
          resolve({ ms: performance.now() - start, crash: { what: `hang: no answer after ${limitMs} ms`, name: 'hang', message: '', stack: '' } });
        }, limitMs);
        /** @param {any} message */
        const onMessage = (message) => {
          if (message.id !== id) return;
          cleanup();
          resolve({ ms: message.ms, crash: message.crash });
        };
        /** @param {any} error */
        const onError = (error) => {
          cleanup();
          Object.assign(slot, this.spawn());
          resolve({ ms: performance.now() - start, crash: { what: 'the worker died', name: error?.name ?? 'Error', message: String(error?.message ?? error), stack: error?.code ?? '' } });
        };
        const cleanup = () => {
          clearTimeout(timer);
          slot.worker.off('message', onMessage);
          slot.worker.off('error', onError);
        };
        slot.worker.on('message', onMessage);
        slot.worker.on('error', onError);
        slot.worker.postMessage({ id, input });
      });
    } finally {
      slot.busy = false;
      this.waiting.shift()?.();
    }
  }

  close() {
    for (const slot of this.slots) void slot.worker.terminate();
  }
}

/** What identifies a crash for deduplication: where it happened and what it says, without its numbers and names. */
function signature(/** @type {Input} */ input, /** @type {Crash} */ crash) {
  const message = crash.message.replace(/\d+(\.\d+)?(e[+-]?\d+)?/g, 'N').replace(/"[^"]*"/g, '"…"').slice(0, 120);
  return `${input.kind} | ${crash.what.replace(/line \d+/, 'line N')} | ${crash.name} | ${message} | ${crash.stack.split(' | ')[0] ?? ''}`;
}

/**
 * A smaller input with the same crash: whole lines removed, then tokens, then characters, while the crash stays
 * (at most `budget` tries and `seconds` in all, each try given 5 s, and a candidate counts only if it took under 2 s: minimizing is a
 * convenience, not the run).
 * @param {Pool} pool
 * @param {Input} input
 * @param {string} sig
 */
async function minimize(pool, input, sig, budget = 400, seconds = 90) {
  let tries = 0;
  const deadline = performance.now() + seconds * 1000;
  const fails = async (/** @type {Input} */ candidate) => {
    tries++;
    if (performance.now() > deadline) tries = budget;
    const { ms, crash } = await pool.run(candidate, 5000);
    return ms < 2000 && crash !== undefined && signature(candidate, crash) === sig;
  };
  let current = input;
  for (const field of /** @type {const} */ (['text', 'submission'])) {
    if (!(field in current)) continue;
    for (const split of [(/** @type {string} */ s) => s.split(/(?<=[\n\r\u2028])/), tokenize, (/** @type {string} */ s) => [...s]]) {
      let parts = split(/** @type {any} */ (current)[field]);
      for (let size = Math.max(1, Math.floor(parts.length / 2)); tries < budget; size = Math.floor(size / 2)) {
        for (let at = 0; at < parts.length && tries < budget; ) {
          const candidateParts = [...parts.slice(0, at), ...parts.slice(at + size)];
          const candidate = { ...current, [field]: candidateParts.join('') };
          if (await fails(candidate)) {
            parts = candidateParts;
            current = candidate;
          } else at += size;
        }
        if (size <= 1) break;
      }
    }
  }
  return current;
}

/** @param {string[]} argv */
function options(argv) {
  const value = (/** @type {string} */ name, /** @type {number} */ fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const text = (/** @type {string} */ name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const library = text('--lib');
  return { save: text('--save'), library: library ? pathToFileURL(library).href : LIBRARY, runs: value('--runs', 20_000), seed: value('--seed', 20261207), jobs: value('--jobs', Math.max(1, availableParallelism())), hangMs: value('--hang-ms', 30_000), minimize: !argv.includes('--no-minimize') };
}

/** Shows an input in the summary (long inputs shortened). */
function shown(/** @type {Input} */ input, limit = 2000) {
  const cut = (/** @type {string} */ s) => (s.length > limit ? `${s.slice(0, limit)}… (${s.length} characters)` : s);
  return input.kind === 'problems' ? { kind: input.kind, text: cut(input.text), submission: cut(input.submission) } : { kind: input.kind, text: cut(input.text) };
}

if (isMainThread) {
  const { runs, seed, jobs, hangMs, minimize: shrink, save, library } = options(process.argv.slice(2));
  const lib = await import(library);
  const missing = ['checkClaims', 'parseProblems', 'gradeSubmission', 'parse', 'InputError'].filter((name) => typeof lib[name] !== 'function');
  if (missing.length > 0) {
    process.stderr.write(`${library} does not export ${missing.join(', ')}: build the library (npm run -s build) or give --lib\n`);
    process.exit(2);
  }
  const pool = new Pool(jobs, hangMs, library);
  const started = performance.now();
  /** @type {Map<string, { count: number; input: Input; crash: Crash }>} */
  const crashes = new Map();
  /** @type {{ ms: number; input: Input }[]} the five slowest inputs */
  let slowest = [];
  let overSecond = 0;
  /** the slowest input that finished (not stopped at the time limit) */
  let slowestFinished = { ms: -1, input: /** @type {Input | undefined} */ (undefined) };
  let done = 0;
  const byKind = { claims: 0, problems: 0, expression: 0 };
  // inputs are drawn in chunks, each from its own seed, so a large run need not hold them all
  const CHUNK = 200;
  for (let chunk = 0; chunk * CHUNK < runs; chunk++) {
    const batch = fc.sample(inputs, { seed: (seed + Math.imul(chunk, 0x9e3779b9)) | 0, numRuns: Math.min(CHUNK, runs - chunk * CHUNK) });
    await Promise.all(
      batch.map(async (input) => {
        const { ms, crash } = await pool.run(input);
        done++;
        byKind[input.kind]++;
        if (slowest.length < 5 || ms > /** @type {{ ms: number }} */ (slowest.at(-1)).ms) slowest = [...slowest, { ms, input }].sort((a, b) => b.ms - a.ms).slice(0, 5);
        if (ms > 1000) overSecond++;
        if (crash?.name !== 'hang' && ms > slowestFinished.ms) slowestFinished = { ms, input };
        if (crash) {
          const sig = signature(input, crash);
          const seen = crashes.get(sig);
          if (seen) seen.count++;
          else crashes.set(sig, { count: 1, input, crash });
        }
      }),
    );
    if (process.env.FUZZ_PROGRESS) process.stderr.write(`${done}/${runs} inputs, ${crashes.size} distinct crashes, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  const found = [];
  for (const [sig, { count, input, crash }] of crashes) {
    const reproducer = shrink && crash.name !== 'hang' && crash.what !== 'the worker died' ? await minimize(pool, input, sig) : undefined;
    found.push({ signature: sig, count, ...crash, input: shown(input), ...(reproducer ? { reproducer: shown(reproducer) } : {}) });
    if (save) appendFileSync(save, `${JSON.stringify({ signature: sig, ...crash, input, reproducer })}\n`);
  }
  pool.close();
  const summary = {
    seed,
    inputs: done,
    byKind,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    crashes: found,
    slowest: slowest[0] && { ms: Math.round(slowest[0].ms), input: shown(slowest[0].input, 500) },
    slowestFinished: slowestFinished.input && { ms: Math.round(slowestFinished.ms), input: shown(slowestFinished.input, 500) },
    nextSlowest: slowest.slice(1).map(({ ms, input }) => ({ ms: Math.round(ms), input: shown(input, 300) })),
    over1000ms: overSecond,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  process.exitCode = found.length > 0 ? 1 : 0;
}
