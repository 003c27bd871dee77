// The guard: claims run in worker threads, and one that takes too long or too much memory is stopped, undetermined
// with the reason, while every other claim and submission is judged as usual. The slow claims here take over a
// second; the limits are a fraction of that, and the other claims take milliseconds.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

/** A true identity about 3,000 characters long, which takes the checker over half a second. */
const slowIdentity = (terms: number) => `${Array.from({ length: terms }, (_, i) => `sin(${i + 1}*x)^2`).join('+')} = ${Array.from({ length: terms }, (_, i) => `1-cos(${i + 1}*x)^2`).join('+')}`;

/** A sum of 2,000 terms in groups (45,000 characters): more memory than a 16 MB worker has. */
const hugeSum = `${Array.from({ length: 40 }, (_, k) => `(${Array.from({ length: 49 }, (_, i) => `sin(${k * 50 + i + 1}*x)^2*exp(${i + 1}*y)`).join('+')})`).join('+')} = 0`;

describe('cli: the guard', () => {
  it('stops a claim that runs past --time-limit: it is undetermined, and the other claims are checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainrule-guard-'));
    const file = join(dir, 'slow.txt');
    writeFileSync(file, ['d/dx x^2 = 2x', slowIdentity(150), 'd/dx x^3 = 3x^2', 'd/dx x^3 = 3x'].join('\n'));
    const result = await run(['check', file, '--time-limit', '200', '--max-depth', '1000']);
    expect(result.code).toBe(1);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe('line 1: ✓ correct: d/dx x^2 = 2x');
    expect(lines[1]).toMatch(/^line 2: \? undetermined: sin\(1\*x\)\^2/);
    expect(lines[2]).toBe('    stopped after 200 ms (the --time-limit guard)');
    expect(lines[3]).toBe('line 3: ✓ correct: d/dx x^3 = 3x^2');
    expect(lines[4]).toBe('line 4: ✗ incorrect: d/dx x^3 = 3x');
  });

  it('judges the same claim when the limit is the default: honest work never reaches the guard', async () => {
    const result = await run(['check', slowIdentity(150), '--max-depth', '1000']);
    expect(result.out).toMatch(/^line 1: ✓ correct/);
  });

  it('stops a worker that outgrows --memory-limit, and says so', async () => {
    const result = await run(['check', hugeSum, '--memory-limit', '16', '--max-line-length', '100000']);
    expect(result.code).toBe(1);
    expect(result.out).toContain('    stopped at 16 MB (the --memory-limit guard)\n1 claim: 0 correct, 0 incorrect, 1 undetermined');
  });

  it('grades a class around a stopped claim: only that answer is undetermined, with every job count giving the same results in the same order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainrule-guard-'));
    const problems = join(dir, 'hw.problems');
    writeFileSync(problems, ['problem p', 'f = x^3', 'part a: df/dx = ?', 'part b: f at x=2 = ?'].join('\n'));
    mkdirSync(join(dir, 'subs'));
    for (const name of ['ann', 'ben', 'cal', 'dee']) writeFileSync(join(dir, 'subs', `${name}.txt`), 'df/dx = 3x^2\nf at x=2 = 8\n');
    writeFileSync(join(dir, 'subs', 'eve.txt'), `df/dx = 3x^2\n${slowIdentity(150)}\nf at x=2 = 8\n`);
    const outputs: string[] = [];
    for (const jobs of ['1', '2']) {
      const result = await run(['grade', problems, join(dir, 'subs'), '--results', join(dir, `r${jobs}.jsonl`), '--jobs', jobs, '--time-limit', '200', '--max-depth', '1000', '--json']);
      expect(result.code).toBe(0);
      const grades = JSON.parse(result.out).students as { student: string; total: number; extra?: { verdict: string }[] }[];
      expect(grades.map((grade) => [grade.student, grade.total])).toEqual([['ann', 2], ['ben', 2], ['cal', 2], ['dee', 2], ['eve', 2]]);
      expect(grades[4]!.extra).toEqual([expect.objectContaining({ line: 2, verdict: 'undetermined' })]);
      outputs.push(JSON.stringify(grades.map(({ student, total }) => ({ student, total }))));
    }
    expect(outputs[0]).toBe(outputs[1]);
  });

  it('takes --jobs, --time-limit and --memory-limit as whole numbers', async () => {
    for (const [flag, value] of [['--jobs', '0'], ['--time-limit', '1.5'], ['--memory-limit', '2']] as const) {
      const result = await run(['check', 'd/dx x^2 = 2x', flag, value]);
      expect(result.code, flag).toBe(2);
      expect(result.err, flag).toContain(`${flag} takes a whole number`);
    }
  });
});
