/** What a command reads and writes, so that commands run the same in tests and in a terminal. */
import { formatWarning, type NotationWarning } from '../syntax/reading.js';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import { decodeText } from '../node/submissions.js';
import { Option, type Command } from 'commander';
import { parseDimsOption, sizesOf, type DeclaredShape } from '../tensor/dims.js';
import { DEFAULT_LIMITS, MAX_NESTING, type ParseLimits } from '../syntax/parse.js';
import { GUARD_DEFAULTS, type GuardOptions } from './guard.js';

/** Exit codes: 0 success, 1 a check failed, 2 bad input, 3 an internal error (a bug). */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2, internal: 3 } as const;

/** Streams and input of one command run. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Reads all of standard input. */
  readonly stdin: () => string;
}

/** The process's own streams. */
export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  stdin: () => readFileSync(0, 'utf8'),
};

/** The expression to work on: the argument, `-` for standard input, or --file F. */
export function readSource(io: Io, argument: string | undefined, file: string | undefined): { source: string; sourceName?: string } {
  if (file !== undefined && argument !== undefined) {
    throw new InputError('usage', 'give the expression either as an argument or with --file, not both');
  }
  if (file !== undefined) return { source: readBounded(file), sourceName: file };
  if (argument === '-') return { source: io.stdin(), sourceName: 'standard input' };
  if (argument === undefined) throw new InputError('usage', 'no expression given', undefined, 'write one in quotes, as in chainrule diff "x^2*y", or use - for standard input, or --file F');
  return { source: argument };
}

/**
 * A file's text, bounded in size; a missing or unreadable file is bad input (exit 2). Without `maxBytes` the bound is
 * the parser's (a file over 4 bytes per character of it cannot be read); data files (--params) give their own.
 */
export function readText(file: string, maxBytes?: number): string {
  return readBounded(file, maxBytes);
}

function readBounded(file: string, maxBytes?: number): string {
  try {
    const size = statSync(file).size;
    if (maxBytes !== undefined && size > maxBytes) throw new InputError('too-large', `${file} is ${size} bytes long; the limit is ${maxBytes} bytes`);
    if (maxBytes === undefined && size > DEFAULT_LIMITS.maxLength * 4) {
      throw new InputError('too-large', `${file} is ${size} bytes long; the limit is ${DEFAULT_LIMITS.maxLength} characters`);
    }
    return decodeText(readFileSync(file));
  } catch (error) {
    if (error instanceof InputError) throw error;
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError('io', `cannot read ${file}: ${reason}`);
  }
}

/** A comma-separated list of names (`x,y,z`). */
export function parseNames(text: string, option: string): string[] {
  const names = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const bad = names.find((name) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
  if (bad !== undefined || names.length === 0) throw new InputError('usage', `${option} takes variable names separated by commas, as in ${option} x,y (got "${text}")`);
  return names;
}

/** A positive number option (tolerances). */
export function parsePositive(text: string, option: string): number {
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value)) throw new InputError('usage', `${option} takes a positive number, as in ${option} 1e-6 (got "${text}")`);
  return value;
}

/** A whole-number option (counts, seeds). */
export function parseCount(text: string, option: string, least = 0, most = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < least || value > most) {
    const range = most === Number.MAX_SAFE_INTEGER ? `of at least ${least}` : `from ${least} to ${most}`;
    throw new InputError('usage', `${option} takes a whole number ${range} (got "${text}")`);
  }
  return value;
}

/** `--digits`: significant digits to show, 1 to 17 (a float64 has 17). */
export function parseDigits(text: string): number {
  const digits = Number(text);
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) {
    throw new InputError('usage', `--digits takes a whole number from 1 to 17, the significant digits of a float64 (got "${text}")`);
  }
  return digits;
}

/** The flags that bound untrusted claims: line length and nesting depth, and the guard's time, memory and workers. */
export interface BoundFlags {
  timeLimit: string;
  memoryLimit: string;
  jobs?: string;
  maxLineLength: string;
  maxDepth: string;
}

/** Adds the bound options to a command (the guard's, --time-limit, --memory-limit and --jobs, and the lines'). */
export function withBounds(command: Command): Command {
  return command
    .option('--time-limit <ms>', 'guard: a claim still running after this many milliseconds is stopped, and undetermined (honest claims are bounded by work budgets instead, and never reach it)', String(GUARD_DEFAULTS.timeLimitMs))
    .option('--memory-limit <mb>', 'guard: a worker using more than this many megabytes is stopped, and its claim undetermined', String(GUARD_DEFAULTS.memoryLimitMb))
    .option('--jobs <n>', `worker threads that check claims (default: one per core, ${GUARD_DEFAULTS.jobs} here)`)
    .option('--max-line-length <n>', 'longest line, in characters', '5000')
    .option('--max-depth <n>', `deepest nesting in a line (at most ${MAX_NESTING})`, '200');
}

/** The line bounds the flags give. */
export function boundsFrom(flags: BoundFlags): { limits: ParseLimits } {
  return { limits: { maxLength: parseCount(flags.maxLineLength, '--max-line-length', 1), maxDepth: parseCount(flags.maxDepth, '--max-depth', 1, MAX_NESTING) } };
}

/** The guard's settings the flags give. */
export function guardFrom(flags: BoundFlags): GuardOptions {
  return {
    jobs: flags.jobs === undefined ? GUARD_DEFAULTS.jobs : parseCount(flags.jobs, '--jobs', 1, 256),
    timeLimitMs: parseCount(flags.timeLimit, '--time-limit', 1),
    memoryLimitMb: parseCount(flags.memoryLimit, '--memory-limit', 16, 1 << 20),
  };
}

/** Prints the warnings of a parse (ambiguous forms and how they were read) on standard error. */
export function printWarnings(io: Io, program: { readonly warnings?: readonly NotationWarning[]; readonly sourceName?: string }): void {
  for (const warning of program.warnings ?? []) io.err(`${formatWarning(warning, program.sourceName)}\n`);
}

/** What `--dims` is, in each command's help. */
export const DIMS_HELP = "shapes of the expression's tensors, as in W=4x3,x=3 (a size alone is a column vector; X=3xB is a batch of a named size B, B=8 its value)";

/** The parse options `--dims` gives: the declarations, and the values of named sizes. */
export function dimsFrom(flags: { dims?: string }): { dims?: DeclaredShape[]; sizes?: Map<string, number> } {
  return flags.dims === undefined ? {} : { dims: parseDimsOption(flags.dims), sizes: sizesOf(flags.dims) };
}

/** The real path of a file that exists (none for one that does not). */
export function realPath(path: string): string[] {
  try {
    return [realpathSync(path)];
  } catch {
    return [];
  }
}

/** Adds `--format` (one of `formats`; the first is the default) and `--json`, which is `--format json`, to a command. */
export function withFormat(command: Command, formats: readonly string[], fallback = formats[0]!): Command {
  return command.addOption(new Option('--format <format>', 'output format').choices(formats).default(fallback)).option('--json', 'print JSON (the same as --format json)');
}

/** The output format the flags ask for (`--json` wins). */
export function formatOf<F extends string>(flags: { readonly format: string; readonly json?: boolean }): F {
  return (flags.json ? 'json' : flags.format) as F;
}

/** An option whose value is one of `choices` (commander says which when another is given). */
export function choiceOption(flags: string, description: string, choices: readonly string[], fallback?: string): Option {
  const option = new Option(flags, description).choices(choices);
  return fallback === undefined ? option : option.default(fallback);
}

/** The tolerances `--rtol` and `--atol` give, replacing the precision rule for written numbers (none without either). */
export function toleranceFrom(flags: { readonly rtol?: string; readonly atol?: string }): { rtol?: number; atol?: number } | undefined {
  if (flags.rtol === undefined && flags.atol === undefined) return undefined;
  return { rtol: flags.rtol === undefined ? undefined : parsePositive(flags.rtol, '--rtol'), atol: flags.atol === undefined ? undefined : parsePositive(flags.atol, '--atol') };
}

/** Adds the options that change how numbers are judged: --rtol, --atol and the seed of random points. */
export function withJudging(command: Command, seed: string): Command {
  return command
    .option('--rtol <r>', 'judge numbers by this relative tolerance instead of the precision they are written with')
    .option('--atol <a>', 'judge numbers by this absolute tolerance instead of the precision they are written with')
    .option('--seed <n>', 'seed for the random points', seed);
}
