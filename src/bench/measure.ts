/** Timing helpers: the median of several timed runs, with untimed setup and batching of very fast runs. */
import { performance } from 'node:perf_hooks';

/** How to time one thing. */
export interface Measurement<State> {
  /** Number of timed samples; the median is reported. */
  readonly samples: number;
  /** Untimed preparation before each sample (a fresh parse, for instance); its result is passed to `run`. */
  readonly setup?: () => State;
  /** The work being timed. */
  readonly run: (state: State) => unknown;
  /** Without setup, repeat `run` within a sample until it lasts at least this long (default 20 ms); results are per call. */
  readonly minSampleMs?: number;
  /** Untimed warm-up runs first, so the JIT has compiled the code (default 1). */
  readonly warmups?: number;
}

/** Timing of one thing: the median and every sample, in milliseconds per run. */
export interface Timing {
  readonly medianMs: number;
  readonly samplesMs: readonly number[];
  /** Runs per sample (more than 1 when fast runs were batched). */
  readonly runsPerSample: number;
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Times `run` several times and returns the median per run. */
export function measure<State = undefined>(measurement: Measurement<State>): Timing {
  const { samples, setup, run, minSampleMs = 20, warmups = 1 } = measurement;
  const prepare = setup ?? (() => undefined as State);
  for (let i = 0; i < warmups; i++) run(prepare());
  const runsPerSample = setup ? 1 : batchSize(() => run(undefined as State), minSampleMs);
  const samplesMs: number[] = [];
  for (let i = 0; i < samples; i++) {
    const state = prepare();
    const start = performance.now();
    for (let k = 0; k < runsPerSample; k++) run(state);
    samplesMs.push((performance.now() - start) / runsPerSample);
  }
  return { medianMs: median(samplesMs), samplesMs, runsPerSample };
}

/** How many calls of a fast function make a sample of at least `minSampleMs` (1 for slow functions). */
function batchSize(call: () => unknown, minSampleMs: number): number {
  let runs = 1;
  for (;;) {
    const start = performance.now();
    for (let k = 0; k < runs; k++) call();
    const elapsed = performance.now() - start;
    if (elapsed >= minSampleMs || runs >= 1 << 20) return runs;
    runs = elapsed <= 0 ? runs * 16 : Math.min(runs * 16, Math.ceil((runs * minSampleMs * 1.2) / elapsed));
  }
}

/** Milliseconds rounded to 3 decimals, for the report. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
