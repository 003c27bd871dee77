/**
 * The guard against hostile input: claims are checked in worker threads (one per core by default), where code really
 * can be stopped. Honest claims are bounded by work budgets (src/check/budgets.ts) and never reach the guard; a claim
 * that runs longer than the time limit, or a worker that outgrows its memory limit, is stopped: the worker is
 * terminated and replaced, the claim gets `undetermined` with the reason, and its text is checked again with that
 * claim left out. Every other claim, and every other submission, is judged as if it had not happened.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckOptions, ClaimsReport } from '../check/results.js';
import type { GradeOptions, StudentGrade } from '../check/grade.js';
import { InputError } from '../errors.js';

/** Options a worker is sent (no callbacks: those stay in the thread that made them). */
type SentOptions<T> = Omit<T, 'onClaim' | 'stopped'>;

/** Work for the guard: a claims text to check, or a submission to grade against a problem set. */
export type GuardedTask =
  | { readonly kind: 'check'; readonly text: string; readonly options: SentOptions<CheckOptions> }
  | { readonly kind: 'grade'; readonly problems: { readonly text: string; readonly name?: string }; readonly file: string; readonly options: SentOptions<GradeOptions> };

/** What a task gives: a claims report, or a student's grade. */
export type ResultOf<T extends GuardedTask> = T extends { kind: 'check' } ? ClaimsReport : StudentGrade;

/** What the guard sends a worker: a task, and the claims stopped on earlier tries (first line, reason). */
export interface TaskMessage {
  readonly id: number;
  readonly task: GuardedTask;
  readonly stopped: readonly (readonly [number, string])[];
}

/** What a worker answers: it started a task or a claim, the task's result, or an error (a bug). */
export type WorkerMessage =
  | { readonly id: number; readonly type: 'started' }
  | { readonly id: number; readonly type: 'claim'; readonly line: number }
  | { readonly id: number; readonly type: 'done'; readonly result: SentReport | StudentGrade }
  | { readonly id: number; readonly type: 'failed'; readonly message: string };

/** A claims report as a worker sends it: its errors as plain data (an error's class does not cross threads). */
export type SentReport = Omit<ClaimsReport, 'errors'> & { readonly errors: readonly { readonly line: number; readonly error: SentError }[] };

type SentError = Pick<InputError, 'kind' | 'message' | 'location' | 'hint'>;

/** A claims report made ready to send. */
export function sendable(report: ClaimsReport): SentReport {
  return { ...report, errors: report.errors.map(({ line, error }) => ({ line, error: { kind: error.kind, message: error.message, location: error.location, hint: error.hint } })) };
}

/** A claims report as it was before it was sent. */
function received(report: SentReport): ClaimsReport {
  return { ...report, errors: report.errors.map(({ line, error }) => ({ line, error: new InputError(error.kind, error.message, error.location, error.hint) })) };
}

/** The guard's settings. */
export interface GuardOptions {
  readonly jobs: number;
  /** Wall-clock milliseconds one claim may take before its worker is stopped. */
  readonly timeLimitMs: number;
  /** Megabytes of heap a worker may use before it is stopped. */
  readonly memoryLimitMb: number;
}

/** How a task ended: its result, or given up (stopped outside any claim, or stopped too often), with the reason. */
export type Outcome<T extends GuardedTask> = { readonly result: ResultOf<T> } | { readonly givenUp: string };

/** The guard's defaults: a worker per core, 30 s per claim, 512 MB per worker. */
export const GUARD_DEFAULTS: GuardOptions = { jobs: availableParallelism(), timeLimitMs: 30_000, memoryLimitMb: 512 };

/** Claims of one task that may be stopped before the rest of it is given up. */
const MAX_STOPPED = 5;

/**
 * Runs every task in the workers, calling `finished(index, outcome)` as each ends (in any order: callers that need
 * the order of the tasks put the results back in it).
 */
export async function runGuarded<T extends GuardedTask>(tasks: readonly T[], guard: GuardOptions, finished: (index: number, outcome: Outcome<T>) => void): Promise<void> {
  const queue = tasks.map((_, index) => index);
  const stopped = tasks.map(() => new Map<number, string>());
  const workers = Array.from({ length: Math.max(1, Math.min(guard.jobs, tasks.length)) }, () => new GuardedWorker(guard));
  let failure: { readonly error: unknown } | undefined; // a caller's `finished` that threw (a full disk): everything stops
  const drain = async (worker: GuardedWorker): Promise<void> => {
    for (let index = queue.shift(); index !== undefined && !failure; index = queue.shift()) {
      const claims = stopped[index]!;
      for (;;) {
        const attempt = await worker.run({ id: index, task: tasks[index]!, stopped: [...claims] });
        if (failure) return; // stopped because another worker's caller failed: nothing to record
        if (!('result' in attempt) && attempt.line !== undefined && !claims.has(attempt.line) && claims.size < MAX_STOPPED) {
          claims.set(attempt.line, attempt.reason); // checked again, with that claim undetermined
          continue;
        }
        const outcome: Outcome<T> =
          'result' in attempt
            ? { result: (tasks[index]!.kind === 'check' ? received(attempt.result as SentReport) : attempt.result) as ResultOf<T> }
            : { givenUp: attempt.line === undefined || claims.has(attempt.line) ? attempt.reason : `${attempt.reason}, after ${MAX_STOPPED} claims were stopped` };
        try {
          finished(index, outcome);
        } catch (error) {
          failure = { error };
          await Promise.all(workers.map((other) => other.close())); // a claim running elsewhere is abandoned
        }
        break;
      }
    }
  };
  try {
    await Promise.all(workers.map(drain));
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
  if (failure) throw failure.error;
}

/** Checks claims texts in the guard's workers: the reports, in the order of the texts. */
export async function checkGuarded(texts: readonly { readonly text: string; readonly options: SentOptions<CheckOptions> }[], guard: GuardOptions): Promise<ClaimsReport[]> {
  const reports: ClaimsReport[] = [];
  await runGuarded(
    texts.map(({ text, options }) => ({ kind: 'check' as const, text, options })),
    guard,
    (index, outcome) => (reports[index] = 'result' in outcome ? outcome.result : givenUpReport(outcome.givenUp)),
  );
  return reports;
}

/** The report of a text whose checking had to be given up. */
function givenUpReport(reason: string): ClaimsReport {
  return { claims: [], summary: { correct: 0, incorrect: 0, undetermined: 0 }, errors: [{ line: 0, error: new InputError('too-large', `checking this text was given up: ${reason}`) }], warnings: [] };
}

/** One try at a task: the result, or stopped (in the claim that starts on `line`, if in one) with the reason. */
type Attempt = { readonly result: SentReport | StudentGrade } | { readonly line?: number; readonly reason: string };

/** A worker thread that is replaced whenever it has to be stopped. */
class GuardedWorker {
  private worker: Worker | undefined;

  constructor(private readonly guard: GuardOptions) {}

  /** Runs one task, stopping the worker if a claim takes too long or the worker too much memory. */
  run(message: TaskMessage): Promise<Attempt> {
    const worker = (this.worker ??= new Worker(workerFile(), { resourceLimits: { maxOldGenerationSizeMb: this.guard.memoryLimitMb } }));
    return new Promise((resolve) => {
      let line: number | undefined;
      let timer: NodeJS.Timeout | undefined;
      const settle = (attempt: Attempt) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (!('result' in attempt)) this.stop();
        resolve(attempt);
      };
      const restart = () => {
        clearTimeout(timer); // each claim has the whole time limit
        timer = setTimeout(() => settle({ line, reason: `stopped after ${duration(this.guard.timeLimitMs)} (the --time-limit guard)` }), this.guard.timeLimitMs);
      };
      const onMessage = (answer: WorkerMessage) => {
        if (answer.id !== message.id) return;
        if (answer.type === 'started' || answer.type === 'claim') {
          if (answer.type === 'claim') line = answer.line;
          restart();
        } else if (answer.type === 'done') settle({ result: answer.result });
        else settle({ line, reason: `internal error: ${answer.message}` });
      };
      const onError = (error: Error & { code?: string }) =>
        settle({ line, reason: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `stopped at ${this.guard.memoryLimitMb} MB (the --memory-limit guard)` : `internal error: ${error.message}` });
      const onExit = () => settle({ line, reason: 'internal error: the worker stopped' });
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(message); // the clock starts when the worker starts the task (a new worker loads first)
    });
  }

  /** Ends the worker (a new one is started for the next task). */
  private stop(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /** Ends the worker for good. */
  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

/** The compiled worker: next to this file once built (run from the sources, as the tests do, the build's copy). */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return fileURLToPath(here.endsWith('.ts') ? new URL('../../dist/cli/guard-worker.js', import.meta.url) : new URL('./guard-worker.js', import.meta.url));
}

function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
