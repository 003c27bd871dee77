// `chainrule grade` interrupted: killed at random moments, a full disk, two runs on one results file, a changed
// problem file, and one class named by different paths. The results file must never lose what it held.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as nodeFs from 'node:fs';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type FileSystem, fingerprint, type ResultRecord, ResultsFile } from '../../src/cli/results-file.js';
import { InputError } from '../../src/errors.js';
import { run } from './run.js';

const bin = fileURLToPath(new URL('../../bin/chainrule.js', import.meta.url));

// ---------------------------------------------------------------------------------------------------------------
// A class

const PROBLEMS = [
  'problem p "Product gate"',
  'f = (x + y)*z',
  'part a (2 points): df/dx = ?; df/dz = ?',
  'part b (1 point): df/dx at x=-2, y=5, z=-4 = ?',
  '',
  'problem n "One neuron"',
  'z = w*x + b',
  'a = sigmoid(z)',
  'L = (y - a)^2/2',
  'part a (2 points): dL/da = ?; dL/dw = ?',
  'part b (1 point): dL/db = ?',
].join('\n');

const HONEST = ['problem p', 'df/dx = z', 'df/dz = x + y', 'df/dx at x=-2, y=5, z=-4 = -4', 'problem n', 'dL/da = a - y', 'dL/dw = (a - y)*a*(1 - a)*x', 'dL/db = (a - y)*a*(1 - a)'];

/** A folder with hw.problems and subs/ holding `count` submissions: most honest, every 5th wrong, every 11th unreadable. */
function classroom(count: number, dir = mkdtempSync(join(tmpdir(), 'chainrule-interrupt-'))) {
  writeFileSync(join(dir, 'hw.problems'), PROBLEMS);
  const subs = join(dir, 'subs');
  mkdirSync(subs);
  for (let i = 1; i <= count; i++) {
    const name = `s${String(i).padStart(2, '0')}`;
    const lines = i % 11 === 0 ? ['problem p', 'df/dx = (z'] : i % 5 === 0 ? ['problem p', 'df/dx = z', 'df/dz = x', 'problem n', 'dL/da = y - a'] : HONEST;
    writeFileSync(join(subs, `${name}.txt`), `# student: ${name.toUpperCase()}\n${lines.join('\n')}\n`);
  }
  return { dir, problems: join(dir, 'hw.problems'), subs, results: join(dir, 'r.jsonl'), lock: join(dir, 'r.jsonl.lock') };
}

// ---------------------------------------------------------------------------------------------------------------
// Running the installed executable

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly pid: number;
  readonly out: string;
  readonly err: string;
}

/** When to kill a run with SIGKILL: after a delay, or as soon as a file has this many complete lines. */
type Kill = { readonly afterMs: number } | { readonly file: string; readonly lines: number };

/** Runs `node bin/chainrule.js <args>` in `cwd`, killing it with SIGKILL when `kill` says (if it is still running). */
function chainrule(args: readonly string[], cwd: string, kill?: Kill): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    let timer: NodeJS.Timeout | undefined;
    if (kill !== undefined && 'afterMs' in kill) timer = setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
    if (kill !== undefined && 'lines' in kill) {
      timer = setInterval(() => {
        if (existsSync(kill.file) && completeLines(readFileSync(kill.file, 'utf8')).length >= kill.lines) child.kill('SIGKILL');
      }, 2);
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(timer);
      resolve({ code, signal, pid: child.pid!, out, err });
    });
  });
}

/** The lines of a text that end with a newline (what follows the last one may be a line cut off). */
function completeLines(text: string): string[] {
  return text.split('\n').slice(0, -1);
}

/** The records of a results file's complete lines; fails the test if any of them is not a record. */
function records(path: string): ResultRecord[] {
  if (!existsSync(path)) return [];
  return completeLines(readFileSync(path, 'utf8')).map((line, index) => {
    let record: ResultRecord;
    try {
      record = JSON.parse(line) as ResultRecord;
    } catch {
      throw new Error(`line ${index + 1} of ${path} is not JSON: ${line.slice(0, 200)}`);
    }
    expect(typeof record.key, `line ${index + 1}: key`).toBe('string');
    expect(typeof record.problems, `line ${index + 1}: fingerprint`).toBe('string');
    expect(typeof record.student, `line ${index + 1}: student`).toBe('string');
    expect(typeof record.total, `line ${index + 1}: total`).toBe('number');
    return record;
  });
}

/** A record without its key (the real path, which differs between two copies of a class). */
function withoutKey({ key: _key, ...rest }: ResultRecord): Record<string, unknown> {
  return rest;
}

/** The real paths of the files of a folder, sorted: the keys one record each should be kept under. */
function keysOf(folder: string): string[] {
  return readdirSync(folder)
    .map((name) => realpathSync(join(folder, name)))
    .sort();
}

/** Hidden files a rewrite or a lock leaves while it works (`.r.jsonl.<pid>.tmp`, `.r.jsonl.lock.<pid>`). */
function leftovers(dir: string, pid?: number): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('.r.jsonl') && (pid === undefined || name.includes(`.${pid}`)));
}

/** A pseudo-random generator with a fixed seed (mulberry32), so a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 1. kill -9

describe('grade killed with SIGKILL at random moments', () => {
  it('never loses a record it wrote, and a last run with --resume grades every submission once, as an uninterrupted run does', { timeout: 60_000 }, async () => {
    const COUNT = 60;
    const room = classroom(COUNT);
    const reference = classroom(COUNT);
    const args = ['grade', 'hw.problems', 'subs', '--results', 'r.jsonl', '--jobs', '1'];
    const referenceRun = chainrule(args, reference.dir); // uninterrupted, in another folder, alongside

    const random = generator(20240607);
    const seen = new Map<string, string>(); // key -> its line, as first seen complete
    let distinct = 0;
    let interrupted = 0;
    const history: string[] = [];
    for (let iteration = 0; iteration < 8; iteration++) {
      // the first run is killed once it has written 5 grades (so a lock is surely left behind); the others, resumed,
      // after a pseudo-random 50 to 1500 ms: before the lock, while reading, grading, appending, or rewriting
      const delay = Math.round(50 + random() * 1450);
      const kill: Kill = iteration === 0 ? { file: room.results, lines: 5 } : { afterMs: delay };
      const exit = await chainrule(iteration === 0 ? args : [...args, '--resume'], room.dir, kill);
      const found = records(room.results);
      const keys = new Set(found.map((record) => record.key));
      history.push(`run ${iteration}: ${exit.signal ?? `exit ${exit.code}`}${'afterMs' in kill ? ` after ${delay} ms` : ''}, ${keys.size} records`);
      const context = history.join('; ');
      if (exit.signal === null) {
        // not killed in time: it finished, and a lock left by a killed run did not stop it
        expect(exit.code, `${context}\n${exit.err}`).toBe(0);
        expect(keys.size, context).toBe(COUNT);
      } else {
        expect(exit.signal, context).toBe('SIGKILL');
        interrupted++;
      }
      expect(keys.size, `the records kept went down: ${context}`).toBeGreaterThanOrEqual(distinct);
      distinct = keys.size;
      for (const line of completeLines(readFileSync(room.results, 'utf8'))) {
        const key = (JSON.parse(line) as ResultRecord).key;
        expect(seen.get(key) ?? line, `a kept grade changed: ${context}`).toBe(line);
        seen.set(key, line);
      }
      if (iteration === 0) {
        expect(exit.signal, context).toBe('SIGKILL');
        expect(JSON.parse(readFileSync(room.lock, 'utf8')), 'the killed run left its lock').toEqual({ pid: exit.pid, host: hostname() });
      }
    }
    expect(interrupted).toBeGreaterThanOrEqual(1);

    const last = await chainrule([...args, '--resume'], room.dir);
    expect(last.code, `${history.join('; ')}\n${last.err}`).toBe(0);
    expect(existsSync(room.lock)).toBe(false);
    expect(leftovers(room.dir, last.pid)).toEqual([]);
    const final = records(room.results);
    expect(final.map((record) => record.key).sort()).toEqual(keysOf(room.subs)); // one record per submission
    for (const record of final) expect(JSON.stringify(record), 'a kept grade changed').toBe(seen.get(record.key) ?? JSON.stringify(record));

    const uninterrupted = await referenceRun;
    expect(uninterrupted.code).toBe(0);
    const expected = records(reference.results);
    expect(expected).toHaveLength(COUNT);
    expect(final.map(withoutKey)).toEqual(expected.map(withoutKey)); // same grades, totals and order
    expect(final.map((record) => [record.file, record.student, record.total])).toEqual(expected.map((record) => [record.file, record.student, record.total]));
    expect(last.out).toBe(uninterrupted.out);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 2. A full disk

const FINGERPRINT = fingerprint('problem p\nf = x\npart a: df/dx = ?', {});

/** A record of a student, kept under a made-up real path. */
function record(n: number): ResultRecord {
  return { student: `S${n}`, file: `subs/s${n}.txt`, total: n % 3, max: 3, parts: [], errors: [], key: `/class/subs/s${n}.txt`, problems: FINGERPRINT };
}

function enospc(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

/**
 * The real file system, except that it fails as a full disk does: `fails(path, operation, call)` says whether a call
 * of `writeSync` or `fsyncSync` (the n-th of both, counted over the whole run) on a descriptor of that path throws
 * ENOSPC; with `short`, a write that fails first writes what fits (`short` bytes) and returns that count, and only
 * the writes after it throw, as write(2) does on a full disk.
 */
function fullDisk(fails: (path: string, operation: 'write' | 'fsync', call: number) => boolean, short?: number): FileSystem {
  const paths = new Map<number, string>();
  let calls = 0;
  let full = false; // after a short write: what was written can be synced, but nothing more written
  const check = (descriptor: number, operation: 'write' | 'fsync'): boolean => {
    if (full && operation === 'write') throw enospc();
    return fails(paths.get(descriptor) ?? '', operation, ++calls);
  };
  return {
    ...nodeFs,
    openSync: ((path: nodeFs.PathLike, flags?: nodeFs.OpenMode, mode?: nodeFs.Mode) => {
      const descriptor = nodeFs.openSync(path, flags ?? 'r', mode);
      paths.set(descriptor, String(path));
      return descriptor;
    }) as FileSystem['openSync'],
    writeSync: ((descriptor: number, data: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => {
      if (check(descriptor, 'write')) {
        if (short === undefined) throw enospc();
        full = true;
        const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
        return nodeFs.writeSync(descriptor, bytes.subarray(0, Math.min(short, bytes.length)));
      }
      return (nodeFs.writeSync as (...args: unknown[]) => number)(descriptor, data, ...rest);
    }) as FileSystem['writeSync'],
    fsyncSync: ((descriptor: number) => {
      if (check(descriptor, 'fsync')) throw enospc();
      nodeFs.fsyncSync(descriptor);
    }) as FileSystem['fsyncSync'],
  };
}

const isTemp = (path: string) => /\/\.r\.jsonl\.\d+\.tmp$/.test(path);
const isResults = (path: string) => path.endsWith('/r.jsonl');

function inputError(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}

function folder(): { dir: string; results: string; lock: string } {
  const dir = mkdtempSync(join(tmpdir(), 'chainrule-full-'));
  return { dir, results: join(dir, 'r.jsonl'), lock: join(dir, 'r.jsonl.lock') };
}

describe('grade on a full disk: the results file', () => {
  it('keeps every record appended before a write failed, and says so', () => {
    const { dir, results, lock } = folder();
    let appends = 0;
    const fs = fullDisk((path, operation) => isResults(path) && operation === 'write' && ++appends > 3);
    const file = ResultsFile.open(results, { resume: false, fingerprint: FINGERPRINT }, fs);
    for (const n of [1, 2, 3]) file.append(record(n));
    const error = inputError(() => file.append(record(4)));
    expect(error.kind).toBe('io');
    expect(error.message).toBe(`cannot write ${results} (ENOSPC); the 3 results saved in it before are kept`);
    expect(error.hint).toContain('--resume');
    file.close();
    expect(records(results)).toEqual([1, 2, 3].map(record));
    expect(readFileSync(results, 'utf8').endsWith('\n')).toBe(true);
    expect(existsSync(lock)).toBe(false);
    expect(leftovers(dir)).toEqual([]);
    // and grading again with --resume keeps them
    const resumed = ResultsFile.open(results, { resume: true, fingerprint: FINGERPRINT });
    expect([...resumed.kept.values()]).toEqual([1, 2, 3].map(record));
    resumed.close();
  });

  it.each(['write', 'fsync'] as const)('a rewrite on resume that cannot %s its new file leaves the old file as it was, and no new file behind', (failing) => {
    const { dir, results, lock } = folder();
    const before = `${[1, 2, 3].map((n) => JSON.stringify(record(n))).join('\n')}\n{"student":"S4","fi`; // cut off by a kill
    writeFileSync(results, before);
    const error = inputError(() => ResultsFile.open(results, { resume: true, fingerprint: FINGERPRINT }, fullDisk((path, operation) => isTemp(path) && operation === failing)));
    expect(error.kind).toBe('io');
    expect(error.message).toBe(`cannot write ${results} (ENOSPC); the 3 results saved in it before are kept`);
    expect(readFileSync(results, 'utf8')).toBe(before);
    expect(leftovers(dir)).toEqual([]);
    expect(existsSync(lock)).toBe(false); // released: the next run is not refused
    const resumed = ResultsFile.open(results, { resume: true, fingerprint: FINGERPRINT });
    expect([...resumed.kept.keys()]).toEqual([1, 2, 3].map((n) => record(n).key));
    resumed.close();
  });

  it.each(['write', 'fsync'] as const)('a rewrite at the end that cannot %s its new file leaves the file as it was, and no new file behind', (failing) => {
    const { dir, results, lock } = folder();
    const file = ResultsFile.open(results, { resume: false, fingerprint: FINGERPRINT }, fullDisk((path, operation) => isTemp(path) && operation === failing));
    for (const n of [3, 1, 2]) file.append(record(n));
    const before = readFileSync(results);
    const error = inputError(() => file.finish([1, 2, 3].map((n) => record(n).key)));
    expect(error.message).toBe(`cannot write ${results} (ENOSPC); the 3 results saved in it before are kept`);
    expect(readFileSync(results).equals(before)).toBe(true);
    expect(leftovers(dir)).toEqual([]);
    file.close(); // as grade does, in its finally
    expect(readFileSync(results).equals(before)).toBe(true);
    expect(existsSync(lock)).toBe(false);
    expect(records(results)).toEqual([3, 1, 2].map(record));
  });

  it('a fresh run that cannot write keeps the old results in .previous, untouched', () => {
    const { results } = folder();
    const old = `${JSON.stringify(record(9))}\n`;
    writeFileSync(results, old);
    const file = ResultsFile.open(results, { resume: false, fingerprint: FINGERPRINT }, fullDisk((path, operation) => isResults(path) && operation === 'write'));
    expect(inputError(() => file.append(record(1))).message).toBe(`cannot write ${results} (ENOSPC); the 0 results saved in it before are kept`);
    file.close();
    expect(readFileSync(`${results}.previous`, 'utf8')).toBe(old);
  });

  // fs.writeSync returns how many bytes it wrote, and on a full disk write(2) first writes what fits and returns a
  // short count (only the next call fails with ENOSPC): a new file cut off where the disk filled must not be renamed
  // over the only complete copy.
  it('a rewrite cut short by a full disk does not replace the file', () => {
    const { results } = folder();
    const file = ResultsFile.open(results, { resume: false, fingerprint: FINGERPRINT }, fullDisk((path, operation) => isTemp(path) && operation === 'write', 100));
    for (const n of [1, 2, 3]) file.append(record(n));
    const before = readFileSync(results, 'utf8');
    try {
      file.finish([1, 2, 3].map((n) => record(n).key)); // a correct rewrite would throw, leaving the file as it was
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
    file.close();
    expect(readFileSync(results, 'utf8')).toBe(before);
  });

  // The same short write on append: the record cut off is not counted as saved.
  it('an append cut short by a full disk is not counted as saved', () => {
    const { results } = folder();
    let appends = 0;
    const file = ResultsFile.open(results, { resume: false, fingerprint: FINGERPRINT }, fullDisk((path, operation) => isResults(path) && operation === 'write' && ++appends > 2, 40));
    file.append(record(1));
    file.append(record(2));
    let message = '';
    try {
      file.append(record(3)); // writes 40 bytes of its line and returns 40; the next write fails
      file.append(record(4));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      message = error.message;
    }
    file.close();
    expect(records(results)).toHaveLength(2);
    expect(message).toBe(`cannot write ${results} (ENOSPC); the 2 results saved in it before are kept`);
  });
});

// A real full disk: a small tmpfs mounted for the test (as root; skipped where mount is not allowed).
const PAGE = (() => {
  try {
    return Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
  } catch {
    return 4096;
  }
})();

function mount(dir: string, pages: number): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${pages * PAGE}`, 'tmpfs', dir], { stdio: 'ignore' });
}

function unmount(dir: string): void {
  execFileSync('umount', [dir], { stdio: 'ignore' });
}

const canMount = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const dir = mkdtempSync(join(tmpdir(), 'chainrule-mount-'));
  try {
    mount(dir, 4);
  } catch {
    return false;
  }
  try {
    writeFileSync(join(dir, 'probe'), 'x'.repeat(8 * PAGE));
    return false; // no limit: not a disk that fills
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOSPC';
  } finally {
    unmount(dir);
  }
})();

/** A class, its uninterrupted results (beside it), and a tmpfs folder for the results of a run that fills it. */
async function onFullDisk(pages: (size: number) => number, body: (room: ReturnType<typeof classroom> & { disk: string; expected: ResultRecord[] }) => Promise<void>): Promise<void> {
  const room = classroom(30);
  const args = ['grade', 'hw.problems', 'subs', '--results', 'ref.jsonl', '--jobs', '1'];
  expect((await chainrule(args, room.dir)).code).toBe(0);
  const expected = records(join(room.dir, 'ref.jsonl'));
  const disk = join(room.dir, 'disk');
  mkdirSync(disk);
  mount(disk, pages(Math.ceil(readFileSync(join(room.dir, 'ref.jsonl')).length / PAGE)));
  try {
    await body({ ...room, disk, expected });
  } finally {
    unmount(disk);
  }
}

describe.skipIf(!canMount)(`grade on a real full disk (a small tmpfs)${canMount ? '' : ' (skipped: mounting a tmpfs needs root on Linux)'}`, () => {
  const args = ['grade', 'hw.problems', 'subs', '--results', 'disk/r.jsonl', '--jobs', '1'];

  it('stops with exit 2 when the disk fills, keeps the grades saved, and --resume grades the rest once there is room', { timeout: 30_000 }, async () => {
    await onFullDisk(
      (size) => Math.max(2, Math.floor(size / 3)), // a third of the results fit
      async ({ dir, disk, expected }) => {
        const full = await chainrule(args, dir);
        expect(full.code, full.err).toBe(2);
        expect(full.err).toMatch(new RegExp(`^error: cannot write disk/r\\.jsonl \\(ENOSPC\\); the \\d+ results saved in it before are kept\\n`));
        expect(full.err).toContain('grade again with --resume');
        const saved = records(join(disk, 'r.jsonl'));
        expect(saved.length).toBeGreaterThan(0);
        expect(saved.length).toBeLessThan(expected.length);
        expect(saved).toEqual(expected.slice(0, saved.length));
        expect(existsSync(join(disk, 'r.jsonl.lock'))).toBe(false);
        expect(leftovers(disk)).toEqual([]);

        execFileSync('mount', ['-o', `remount,size=${1024 * PAGE}`, disk], { stdio: 'ignore' }); // room freed
        const resumed = await chainrule([...args, '--resume'], dir);
        expect(resumed.code, resumed.err).toBe(0);
        expect(records(join(disk, 'r.jsonl'))).toEqual(expected);
      },
    );
  });

  // The results appended fit, their rewrite at the end does not: grade must keep the file whole and say so.
  it('a results file the disk has no room to rewrite at the end is kept whole', { timeout: 30_000 }, async () => {
    await onFullDisk(
      (size) => size + 1 + Math.floor(size / 2), // the results and the lock fit, a second copy of them does not
      async ({ dir, disk, expected }) => {
        const result = await chainrule(args, dir);
        expect([0, 2]).toContain(result.code);
        expect(records(join(disk, 'r.jsonl'))).toEqual(expected); // whether the rewrite failed (exit 2) or not (exit 0)
      },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 3. Two runs on one results file

describe('two runs on one results file', () => {
  async function graded() {
    const room = classroom(4);
    const first = await run(['grade', room.problems, room.subs, '--results', room.results, '--jobs', '1']);
    expect(first.code).toBe(0);
    return { ...room, before: readFileSync(room.results) };
  }

  it('refuses, with exit 2, while the lock is held by a live process, and leaves the results, and the lock, alone', { timeout: 30_000 }, async () => {
    const room = await graded();
    const lock = JSON.stringify({ pid: process.pid, host: hostname() });
    writeFileSync(room.lock, lock);
    for (const resume of [[], ['--resume']]) {
      const refused = await chainrule(['grade', 'hw.problems', 'subs', '--results', 'r.jsonl', '--jobs', '1', ...resume], room.dir);
      expect(refused.code).toBe(2);
      expect(refused.err).toContain(`r.jsonl is being written by another chainrule grade (process ${process.pid} on ${hostname()})`);
      expect(refused.err).toContain('r.jsonl.lock');
      expect(readFileSync(room.results).equals(room.before)).toBe(true);
      expect(existsSync(`${room.results}.previous`)).toBe(false);
      expect(readFileSync(room.lock, 'utf8')).toBe(lock);
      expect(leftovers(room.dir)).toEqual([]);
    }
  });

  it('refuses a lock from another machine, whose process cannot be asked', async () => {
    const room = await graded();
    writeFileSync(room.lock, JSON.stringify({ pid: 1, host: 'another-machine.invalid' }));
    const refused = await run(['grade', room.problems, room.subs, '--results', room.results, '--resume']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('(process 1 on another-machine.invalid)');
    expect(readFileSync(room.results).equals(room.before)).toBe(true);
  });

  it('takes over a lock whose process has ended', { timeout: 30_000 }, async () => {
    const room = await graded();
    const ended = spawnSync(process.execPath, ['-e', '']);
    expect(ended.status).toBe(0);
    expect(() => process.kill(ended.pid, 0)).toThrow(); // gone
    writeFileSync(room.lock, JSON.stringify({ pid: ended.pid, host: hostname() }));
    writeFileSync(join(room.subs, 'late.txt'), `${HONEST.join('\n')}\n`);
    const resumed = await chainrule(['grade', 'hw.problems', 'subs', '--results', 'r.jsonl', '--jobs', '1', '--resume'], room.dir);
    expect(resumed.code, resumed.err).toBe(0);
    expect(existsSync(room.lock)).toBe(false);
    const after = records(room.results);
    expect(after.map((record) => record.key).sort()).toEqual(keysOf(room.subs));
    expect(after.find((record) => record.key.endsWith('/late.txt'))).toMatchObject({ student: 'late', total: 6 });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 4. The problem file changed

describe('grade after the problem file changed', () => {
  it('refuses --resume with exit 2; without it, moves the old results to .previous and grades anew', { timeout: 30_000 }, async () => {
    const room = classroom(6);
    const args = ['grade', room.problems, room.subs, '--results', room.results, '--jobs', '1'];
    expect((await run(args)).code).toBe(0);
    const before = readFileSync(room.results);
    const old = records(room.results);
    expect(old.map((record) => record.max)).toEqual(old.map(() => 6));

    writeFileSync(room.problems, PROBLEMS.replace('part a (2 points): df/dx', 'part a (4 points): df/dx'));
    const refused = await run([...args, '--resume']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`the results in ${room.results} were graded against another problem file or other options (they have changed since), so they cannot be resumed`);
    expect(refused.err).toContain(`${room.results}.previous`);
    expect(readFileSync(room.results).equals(before)).toBe(true);
    expect(existsSync(`${room.results}.previous`)).toBe(false);
    expect(existsSync(room.lock)).toBe(false);

    const fresh = await run(args);
    expect(fresh.code, fresh.err).toBe(0);
    expect(readFileSync(`${room.results}.previous`).equals(before)).toBe(true);
    const now = records(room.results);
    expect(now.map((record) => record.key)).toEqual(old.map((record) => record.key));
    expect(now.map((record) => record.max)).toEqual(old.map(() => 8));
    expect(old.map((record) => record.total)).toEqual([6, 6, 6, 6, 1, 6]); // s05 has half of part a
    expect(now.map((record) => record.total)).toEqual([8, 8, 8, 8, 2, 8]);
    expect(new Set(now.map((record) => record.problems)).size).toBe(1);
    expect(now[0]!.problems).not.toBe(old[0]!.problems);
    expect(fresh.out).toContain('S01: 8/8');
  });

  it('refuses --resume when an option that changes verdicts changed', async () => {
    const room = classroom(3);
    const args = ['grade', room.problems, room.subs, '--results', room.results, '--jobs', '1'];
    expect((await run(args)).code).toBe(0);
    const before = readFileSync(room.results);
    const refused = await run([...args, '--resume', '--max-submission-length', '20']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('so they cannot be resumed');
    expect(readFileSync(room.results).equals(before)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 5. One class, named by different paths

describe('grade resumed by another path to the same submissions', () => {
  it('keeps one record per student: relative, absolute, through a link, or with .. in it', { timeout: 30_000 }, async () => {
    const room = classroom(4);
    const first = await chainrule(['grade', 'hw.problems', 'subs/s01.txt', '--results', 'r.jsonl', '--jobs', '1'], room.dir);
    expect(first.code, first.err).toBe(0);
    const s01 = readFileSync(room.results, 'utf8');
    expect(records(room.results).map((record) => record.file)).toEqual(['subs/s01.txt']);

    const elsewhere = mkdtempSync(join(tmpdir(), 'chainrule-elsewhere-'));
    const absolute = await chainrule(['grade', room.problems, room.subs, '--results', room.results, '--jobs', '1', '--resume'], elsewhere);
    expect(absolute.code, absolute.err).toBe(0);
    const after = records(room.results);
    expect(after.map((record) => record.key)).toEqual(keysOf(room.subs));
    expect(`${JSON.stringify(after[0])}\n`).toBe(s01); // kept, not graded again under its absolute path
    expect(after.slice(1).map((record) => record.file)).toEqual(['s02', 's03', 's04'].map((name) => join(room.subs, `${name}.txt`)));
    expect(absolute.out.match(/^S01: /gm)).toHaveLength(1);
    const whole = readFileSync(room.results);

    symlinkSync(room.subs, join(room.dir, 'alias'));
    for (const subs of ['alias', './subs/../subs', `${room.dir}/alias/../subs`]) {
      const again = await chainrule(['grade', 'hw.problems', subs, '--results', join(room.dir, 'r.jsonl'), '--jobs', '1', '--resume'], room.dir);
      expect(again.code, again.err).toBe(0);
      expect(readFileSync(room.results).equals(whole), subs).toBe(true); // nothing graded again, nothing added
    }
  });

  it('a copy of the class elsewhere is other students (other real paths)', { timeout: 30_000 }, async () => {
    const room = classroom(2);
    expect((await chainrule(['grade', 'hw.problems', 'subs', '--results', 'r.jsonl', '--jobs', '1'], room.dir)).code).toBe(0);
    cpSync(room.subs, join(room.dir, 'copy'), { recursive: true });
    const both = await chainrule(['grade', 'hw.problems', 'subs', 'copy', '--results', 'r.jsonl', '--jobs', '1', '--resume'], room.dir);
    expect(both.code, both.err).toBe(0);
    expect(records(room.results).map((record) => record.file)).toEqual(['subs/s01.txt', 'subs/s02.txt', 'copy/s01.txt', 'copy/s02.txt']);
  });
});
