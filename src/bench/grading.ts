/**
 * The grading benchmark: a class of 400 submissions (most honest, some wrong, one in twenty hostile: binary, 10 MB,
 * 10⁵-deep nesting, exponent towers, UTF-16, CR-only, escape sequences) graded with --jobs 1 and --jobs 2, each run
 * in a process of its own: wall time, peak memory, and whether the results files are identical.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROBLEMS = [
  'problem gate "Product gate"',
  'f = (x + y)*z',
  'part a (2 points): df/dx = ?; df/dz = ?',
  'part b (1 point): df/dx at x=-2, y=5, z=-4 = ?',
  'problem neuron "One sigmoid neuron"',
  'z = w*x + b',
  'a = sigmoid(z)',
  'L = (y - a)^2/2',
  'part a (2 points): dL/da = ?; dL/dz = ?',
  'part b (1 point): dL/dw at w=0.5, x=2, b=0.1, y=1 = ?',
].join('\n');

const RIGHT = ['df/dx = z', 'df/dz = x + y', 'df/dx at x=-2, y=5, z=-4 = -4', 'dL/da = a - y', 'dL/dz = (a - y)*a*(1 - a)', 'dL/dw at w=0.5, x=2, b=0.1, y=1 = -0.0985'];
const WRONG = ['df/dx = y', 'df/dz = x', 'df/dx at x=-2, y=5, z=-4 = 4', 'dL/da = y - a', 'dL/dz = a - y', 'dL/dw at w=0.5, x=2, b=0.1, y=1 = 0.5'];

/** The hostile kinds, one in every twenty submissions. */
const HOSTILE: readonly ((honest: string) => string | Buffer)[] = [
  () => Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 256)),
  (honest) => honest + `${'x'.repeat(99)}\n`.repeat(100_000),
  (honest) => `${honest}df/dy = ${'('.repeat(100_000)}z${')'.repeat(100_000)}\n`,
  (honest) => `${honest}df/dy = ${Array.from({ length: 2_000 }, () => 'z').join('^')}\nsigmoid(2^(1e8/x)) = 1\n2^2^2^2^2^2 = 1\nx: 100000\n`,
  (honest) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(honest, 'utf16le')]),
  (honest) => honest.replace(/\n/g, '\r'),
  (honest) => `# student: \u001b[2J\u202eevil\n${honest}`,
];

/** A seeded generator of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Writes the class into a new folder: the problem file and a folder of submissions. */
function writeClass(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'chainrule-bench-grade-'));
  writeFileSync(join(dir, 'hw.problems'), PROBLEMS);
  mkdirSync(join(dir, 'subs'));
  const next = random(20261207);
  for (let i = 0; i < count; i++) {
    const answers = RIGHT.map((right, k) => (next() < 0.8 ? right : WRONG[k]!));
    const honest = `# student: Student ${i}\nproblem gate\n${answers.slice(0, 3).join('\n')}\nproblem neuron\n${answers.slice(3).join('\n')}\n`;
    const text = i % 20 === 19 ? HOSTILE[Math.floor(i / 20) % HOSTILE.length]!(honest) : honest;
    writeFileSync(join(dir, 'subs', `s${String(i).padStart(3, '0')}.txt`), text);
  }
  return dir;
}

/** Grades the class with `jobs` workers in a fresh process. */
function gradeWith(dir: string, jobs: number): { code: number; ms: number; max_rss_mb: number } {
  const child = fileURLToPath(new URL('./grade-child.js', import.meta.url));
  const args = ['grade', join(dir, 'hw.problems'), join(dir, 'subs'), '--results', join(dir, `jobs${jobs}.jsonl`), '--jobs', String(jobs)];
  const run = spawnSync(process.execPath, [child, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`grading failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { code: number; ms: number; max_rss_mb: number };
}

/** Grades a class of `count` submissions with one and with two workers. */
export function timeGrading(count = 400) {
  const dir = writeClass(count);
  try {
    const one = gradeWith(dir, 1);
    const two = gradeWith(dir, 2);
    const identical = readFileSync(join(dir, 'jobs1.jsonl'), 'utf8') === readFileSync(join(dir, 'jobs2.jsonl'), 'utf8');
    return {
      submissions: count,
      hostile: Math.floor(count / 20),
      jobs_1: { seconds: one.ms / 1000, peak_memory_mb: one.max_rss_mb },
      jobs_2: { seconds: two.ms / 1000, peak_memory_mb: two.max_rss_mb },
      jobs_2_over_jobs_1: Math.round((two.ms / one.ms) * 1000) / 1000,
      results_identical: identical,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
