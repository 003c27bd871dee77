/**
 * The results file of `chainrule grade`: JSON lines, one per submission, each appended as soon as it is graded, and
 * written so that no failure loses what it held: the only copy is never truncated (a rewrite goes to a new file that
 * is then renamed over it, and a run that starts over keeps the old file as `<results>.previous`), a lock keeps two
 * runs from interleaving, and every record carries the fingerprint of what it was graded against, so that `--resume`
 * refuses to mix grades of a changed problem file.
 */
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

/** The file operations the results file uses (tests inject failing ones, as a full disk would fail). */
export type FileSystem = Pick<typeof nodeFs, 'openSync' | 'writeSync' | 'linkSync' | 'fsyncSync' | 'closeSync' | 'readFileSync' | 'renameSync' | 'unlinkSync' | 'existsSync' | 'statSync'>;

/** One line of the results file: a grade, the real path it is kept under, and the fingerprint it was graded against. */
export interface ResultRecord {
  readonly student: string;
  readonly file?: string;
  /** The submission's real path: the same file named two ways is one student. */
  readonly key: string;
  /** The fingerprint of the problem file and grading options. */
  readonly problems: string;
  readonly [field: string]: unknown;
}

/** The fingerprint of a problem file's text and the options that change verdicts. */
export function fingerprint(problemsText: string, options: unknown): string {
  return `sha256:${createHash('sha256').update(problemsText).update('\0').update(JSON.stringify(options)).digest('hex')}`;
}

/** An open results file: the records kept from before (on resume), and new ones appended. */
export class ResultsFile {
  private readonly records = new Map<string, ResultRecord>();
  private descriptor: number | undefined;
  private readonly lock: string;

  private constructor(
    readonly path: string,
    private readonly fs: FileSystem,
  ) {
    this.lock = `${path}.lock`;
  }

  /**
   * Opens a results file for a run: with `resume`, keeps its records (refusing if they were graded against another
   * fingerprint); without, moves an old file to `<path>.previous` and starts a new one.
   */
  static open(path: string, options: { readonly resume: boolean; readonly fingerprint: string }, fs: FileSystem = nodeFs): ResultsFile {
    const file = new ResultsFile(path, fs);
    file.takeLock();
    try {
      if (options.resume && fs.existsSync(path)) {
        for (const record of file.read()) {
          if (record.problems !== options.fingerprint) {
            throw new InputError(
              'usage',
              `the results in ${path} were graded against another problem file or other options (they have changed since), so they cannot be resumed`,
              undefined,
              `grade again without --resume to start over (the old results are then kept in ${path}.previous)`,
            );
          }
          file.records.set(record.key, record);
        }
        file.rewrite([...file.records.values()]); // a line cut off by an interruption is dropped, not kept
      } else if (fs.existsSync(path) && fs.statSync(path).size > 0) {
        fs.renameSync(path, `${path}.previous`);
      }
      file.descriptor = fs.openSync(path, 'a');
    } catch (error) {
      file.close();
      throw error;
    }
    return file;
  }

  /** The records kept, by key. */
  get kept(): ReadonlyMap<string, ResultRecord> {
    return this.records;
  }

  /** Appends a record (it replaces any earlier record of the same key). */
  append(record: ResultRecord): void {
    this.write(() => {
      this.writeAll(this.descriptor!, `${JSON.stringify(record)}\n`);
      this.fs.fsyncSync(this.descriptor!);
    });
    this.records.set(record.key, record);
  }

  /** Rewrites the file with its records in the order of these keys (others after them), then releases it. */
  finish(order: readonly string[]): void {
    const rank = new Map(order.map((key, index) => [key, index]));
    const records = [...this.records.values()].sort((a, b) => (rank.get(a.key) ?? order.length) - (rank.get(b.key) ?? order.length));
    this.rewrite(records);
    this.close();
  }

  /** Closes the file and releases the lock (what was appended stays). */
  close(): void {
    if (this.descriptor !== undefined) this.fs.closeSync(this.descriptor);
    this.descriptor = undefined;
    try {
      this.fs.unlinkSync(this.lock);
    } catch {
      // already gone
    }
  }

  /** The records of the file: a last line cut off by an interruption is left out; any other line must be a record. */
  private read(): ResultRecord[] {
    const lines = this.fs.readFileSync(this.path, 'utf8').split('\n');
    const records: ResultRecord[] = [];
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      let record: ResultRecord | undefined;
      try {
        record = JSON.parse(line) as ResultRecord;
      } catch {
        if (index === lines.length - 1) return; // the last line, cut off
      }
      if (typeof record?.key !== 'string' || typeof record.problems !== 'string') {
        throw new InputError('usage', `${this.path} is not a results file of this version of chainrule (line ${index + 1} is not a grade with a key and a fingerprint)`, undefined, 'grade again without --resume to start over');
      }
      records.push(record);
    });
    return records;
  }

  /** Replaces the file with these records: written to a new file, which is then renamed over it. */
  private rewrite(records: readonly ResultRecord[]): void {
    const fresh = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.tmp`); // hidden: never graded as a submission
    this.write(() => {
      const descriptor = this.fs.openSync(fresh, 'w');
      try {
        this.writeAll(descriptor, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
        this.fs.fsyncSync(descriptor);
      } finally {
        this.fs.closeSync(descriptor);
      }
      if (this.descriptor !== undefined) this.fs.closeSync(this.descriptor);
      this.fs.renameSync(fresh, this.path);
      if (this.descriptor !== undefined) this.descriptor = this.fs.openSync(this.path, 'a');
    }, fresh);
  }

  /** Writes all of a text: a full disk may take part of it and say so only by the count, which is not taken as done. */
  private writeAll(descriptor: number, text: string): void {
    const bytes = Buffer.from(text);
    for (let offset = 0; offset < bytes.length; ) {
      const written = this.fs.writeSync(descriptor, bytes, offset, bytes.length - offset);
      if (written <= 0) throw Object.assign(new Error('no space left on the device'), { code: 'ENOSPC' });
      offset += written;
    }
  }

  /** Runs a write; a failure (a full disk) is reported with what is safe, and a half-written new file removed. */
  private write(action: () => void, fresh?: string): void {
    try {
      action();
    } catch (error) {
      if (fresh !== undefined && this.fs.existsSync(fresh)) this.fs.unlinkSync(fresh);
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new InputError('io', `cannot write ${this.path} (${reason}); the ${this.records.size} results saved in it before are kept`, undefined, 'free some space and grade again with --resume to grade the rest');
    }
  }

  /** Takes the lock, or says which run holds it; a lock left by a run that no longer exists is taken over. */
  private takeLock(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      // written whole under a name of its own, then linked into place: no run ever sees a lock without its holder
      const own = join(dirname(this.lock), `.${basename(this.lock)}.${process.pid}`);
      try {
        const descriptor = this.fs.openSync(own, 'w');
        this.fs.writeSync(descriptor, JSON.stringify({ pid: process.pid, host: hostname() }));
        this.fs.closeSync(descriptor);
        this.fs.linkSync(own, this.lock);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new InputError('io', `cannot write ${this.lock}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      } finally {
        if (this.fs.existsSync(own)) this.fs.unlinkSync(own);
      }
      const holder = this.holder();
      if (holder !== undefined) {
        throw new InputError('usage', `${this.path} is being written by another chainrule grade (process ${holder.pid} on ${holder.host})`, undefined, `wait for it to finish; if it is not running, delete ${this.lock}`);
      }
      this.fs.unlinkSync(this.lock); // left by a run that was killed
    }
  }

  /** The run that holds the lock, if it is still running (on this machine; a lock from another is assumed held). */
  private holder(): { pid: number; host: string } | undefined {
    let lock: { pid?: unknown; host?: unknown };
    try {
      lock = JSON.parse(this.fs.readFileSync(this.lock, 'utf8')) as typeof lock;
    } catch {
      return undefined; // unreadable: not a lock this version wrote
    }
    const pid = typeof lock.pid === 'number' ? lock.pid : -1;
    const host = typeof lock.host === 'string' ? lock.host : 'another machine';
    if (host !== hostname()) return { pid, host };
    try {
      process.kill(pid, 0);
      return { pid, host };
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM' ? { pid, host } : undefined;
    }
  }
}
