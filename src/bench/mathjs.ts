/** The mathjs comparison: runs mathjs `derivative` in a worker thread and stops it at a time limit. */
import { Worker } from 'node:worker_threads';
import type { MathjsJob, MathjsMessage } from './mathjs-worker.js';
import { median, roundMs } from './measure.js';

/** mathjs's timing for one expression; `mathjs_derivative_ms` is null when no sample finished. */
export interface MathjsTimings {
  /** Median milliseconds of `derivative(expr, v, {simplify: false})` for every variable v, one after another. */
  readonly mathjs_derivative_ms: number | null;
  /** "ok", "timeout" (no sample within the limit), "timeout after k of n samples", "stack overflow", or "error: …". */
  readonly mathjs_status: string;
  readonly mathjs_samples_ms: readonly number[];
  readonly mathjs_parse_ms: number | null;
  /** Distinct node objects in mathjs's derivatives (it shares subtrees), when counted. */
  readonly mathjs_derivative_nodes: number | null;
  /** Size of mathjs's derivatives written out as trees, as they print. */
  readonly mathjs_derivative_tree_nodes: number | null;
}

/** Default time limit per expression, after mathjs has been imported and has parsed the text. */
export const DEFAULT_MATHJS_TIMEOUT_MS = 60_000;
/** Extra time allowed for importing mathjs and parsing the text before the time limit starts. */
const STARTUP_ALLOWANCE_MS = 30_000;

/** Times mathjs `derivative` for every variable of `text` in a worker, giving up after `timeoutMs`. */
export function timeMathjs(job: MathjsJob, timeoutMs: number): Promise<MathjsTimings> {
  const samples: number[] = [];
  let parseMs: number | null = null;
  let sizes: { distinctNodes: number; treeNodes: number } | undefined;
  const worker = new Worker(new URL('./mathjs-worker.js', import.meta.url), { workerData: job });
  return new Promise((resolve) => {
    let settled = false;
    let timer = setTimeout(() => finish('timeout before mathjs had parsed the text'), timeoutMs + STARTUP_ALLOWANCE_MS);
    const finish = (status: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve({
        mathjs_derivative_ms: samples.length > 0 ? roundMs(median(samples)) : null,
        mathjs_status: status,
        mathjs_samples_ms: samples.map(roundMs),
        mathjs_parse_ms: parseMs === null ? null : roundMs(parseMs),
        mathjs_derivative_nodes: sizes?.distinctNodes ?? null,
        mathjs_derivative_tree_nodes: sizes?.treeNodes ?? null,
      });
    };
    worker.on('message', (message: MathjsMessage) => {
      if (message.kind === 'ready') {
        parseMs = message.parseMs;
        clearTimeout(timer);
        timer = setTimeout(() => finish(samples.length > 0 ? `timeout after ${samples.length} of ${job.samples} samples` : 'timeout'), timeoutMs);
      } else if (message.kind === 'sample') samples.push(message.ms);
      else if (message.kind === 'sizes') {
        sizes = message;
        finish('ok');
      } else finish(describeError(message.message));
    });
    worker.on('error', (error) => finish(describeError(`${error.name}: ${error.message}`)));
    worker.on('exit', (code) => finish(samples.length === job.samples ? 'ok' : `error: worker exited with code ${code}`));
  });
}

/** "stack overflow" for V8's RangeError, else "error: " and the message's first line. */
function describeError(message: string): string {
  if (/Maximum call stack size exceeded/.test(message)) return 'stack overflow';
  return `error: ${message.split('\n')[0]}`;
}
