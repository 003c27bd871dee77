/** `chainrule test`: formula files (hand-derived gradients in claim syntax) run as test cases. */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { createRequire } from 'node:module';
import { InputError } from '../errors.js';
import { checkClaims } from '../check/claims.js';
import type { CheckOptions } from '../check/results.js';
import type { FormulaFile } from '../render/test-report.js';

export type { FormulaFile };

/** Largest formula file read, in bytes. */
const MAX_FILE_BYTES = 4_000_000;

/** The files that paths and glob patterns name, sorted; a pattern that names nothing is an error. */
export function formulaFiles(patterns: readonly string[]): string[] {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const isFile = (() => {
      try {
        return statSync(pattern).isFile();
      } catch {
        return false;
      }
    })();
    const found = isFile ? [pattern] : globber()(pattern, { onlyFiles: true, absolute: isAbsolute(pattern) });
    if (found.length === 0) throw new InputError('io', `no formula files match ${pattern}`);
    for (const file of found) files.add(file);
  }
  return [...files].sort();
}

/** Checks every claim of every file. */
export function runFormulaFiles(files: readonly string[], options: CheckOptions = {}): FormulaFile[] {
  return files.map((file) => ({ file, report: checkClaims(readFormulaFile(file), { ...options, sourceName: file }) }));
}

/** A formula file's text; a file that cannot be read is bad input. */
export function readFormulaFile(file: string): string {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) throw new InputError('too-large', `${file} is larger than ${MAX_FILE_BYTES} bytes`);
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('io', `cannot read ${file}: ${(error as Error).message}`);
  }
}

/** tinyglobby's globSync, loaded on first use (only `chainrule test` with globs needs it, not every command's start-up). */
function globber(): typeof import('tinyglobby').globSync {
  return (createRequire(import.meta.url)('tinyglobby') as typeof import('tinyglobby')).globSync;
}
