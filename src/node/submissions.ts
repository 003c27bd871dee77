/**
 * The submissions of a class, found and read as an autograder must: an odd entry of a folder (a dangling or looping
 * link, a name that is not UTF-8, something that is not a file) is skipped with a line that names it, links are
 * never followed out of a folder, and a file is read in the encoding its editor wrote (UTF-8 with or without a byte
 * order mark, UTF-16 with one), up to a size beyond which only its first part is graded.
 */
import { closeSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { wholeLinesWithin } from '../syntax/claim-lines.js';
import { cutMessage } from '../check/grade.js';

/** A submission file: the path given or found, and its real path (the key a student's results are kept under). */
export interface SubmissionFile {
  readonly path: string;
  readonly key: string;
}

/** What was found: the files, and the entries skipped with why. */
export interface FoundSubmissions {
  readonly files: readonly SubmissionFile[];
  readonly skipped: readonly string[];
}

/** Submission files in the paths given (files, and the files of folders), leaving out `excluded` real paths. */
export function findSubmissions(paths: readonly string[], excluded: ReadonlySet<string> = new Set()): FoundSubmissions {
  const files: SubmissionFile[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const add = (path: string, key: string) => {
    if (excluded.has(key) || seen.has(key)) return;
    seen.add(key);
    files.push({ path, key });
  };
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new InputError('io', `cannot read ${path}: no such file or folder`);
    }
    if (!stats.isDirectory()) {
      add(path, realpathSync(path));
      continue;
    }
    for (const found of folderEntries(path, skipped)) add(found.path, found.key);
  }
  if (files.length === 0) throw new InputError('io', 'there are no submissions to grade');
  return { files, skipped };
}

/** The regular files of a folder, sorted by name; every other entry is skipped with a reason. */
function folderEntries(folder: string, skipped: string[]): SubmissionFile[] {
  const found: SubmissionFile[] = [];
  const entries = readdirSync(folder, { withFileTypes: true, encoding: 'buffer' });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const entry of entries) {
    let name: string;
    try {
      name = decoder.decode(entry.name);
    } catch {
      skipped.push(`${join(folder, entry.name.toString('latin1'))}: its name is not UTF-8 text, so it is not graded`);
      continue;
    }
    if (name.startsWith('.')) continue; // hidden files
    const path = join(folder, name);
    if (entry.isSymbolicLink()) {
      skipped.push(`${path}: a symbolic link, which is not followed (link the file's contents into the folder instead)`);
      continue;
    }
    let stats;
    try {
      stats = lstatSync(path);
    } catch (error) {
      skipped.push(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    if (stats.isDirectory()) {
      skipped.push(`${path}: a folder (name it too to grade the files in it)`);
      continue;
    }
    if (!stats.isFile()) {
      skipped.push(`${path}: not a regular file`);
      continue;
    }
    found.push({ path, key: realpathSync(path) });
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A submission's text: the whole lines of it within the limit, and, when it was cut, what that means. */
export interface SubmissionText {
  readonly text: string;
  /** Set when only its first lines were read: what the grade says about it. */
  readonly cut?: string;
}

/**
 * Reads a submission in the encoding its editor wrote, its whole lines within `maxLength` characters (reading no more
 * of the file than that many characters can take).
 */
export function readSubmission(path: string, maxLength: number): SubmissionText {
  const { bytes, size } = readStart(path, 4 * maxLength + 4);
  const length = bytes.length;
  if (isBinary(bytes)) throw new InputError('io', 'this is not a text file (a PDF, a Word document, an image?), so nothing in it can be graded', undefined, 'hand in the answers as text: plain, Markdown or LaTeX');
  const text = decodeText(bytes);
  const partial = length < size;
  if (!partial && text.length <= maxLength) return { text };
  // read in part, the last line may be cut in the middle: only whole lines are graded
  const whole = partial ? text.slice(0, Math.max(...['\n', '\r', '\u2028', '\u2029'].map((end) => text.lastIndexOf(end))) + 1) : text;
  const within = wholeLinesWithin(whole, maxLength);
  return { text: within.text, cut: cutMessage(within.lines, `${size} bytes`, maxLength) };
}

/** The first bytes of a file (at most `most`), and its size; a file that cannot be read is bad input. */
function readStart(path: string, most: number): { bytes: Buffer; size: number } {
  try {
    const size = statSync(path).size;
    const bytes = Buffer.alloc(Math.min(size, most));
    const descriptor = openSync(path, 'r');
    try {
      return { bytes: bytes.subarray(0, readSync(descriptor, bytes, 0, bytes.length, 0)), size };
    } finally {
      closeSync(descriptor);
    }
  } catch (error) {
    throw new InputError('io', `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** Whether bytes are not text: a NUL byte near the start (text in UTF-16 has a byte order mark, and is not binary). */
function isBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  return bytes.subarray(0, 8192).includes(0);
}

/** Text from bytes: UTF-16 (little or big endian) after its byte order mark, else UTF-8 (a BOM dropped). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}
