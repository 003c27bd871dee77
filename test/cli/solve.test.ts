import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

interface AskJson {
  ask: string;
  value?: number;
  answer: string;
  verified?: boolean;
  printed?: { value: string; verdict: string; reason?: string };
  answer_key?: { verdict: string };
}
interface ProblemJson {
  id: string;
  parts: { id: string; asks: AskJson[] }[];
  trace: { gradient: Record<string, number> } | null;
  verified: boolean;
}

const solved = run(['solve', '--format', 'json']).then((result) => ({ ...result, json: JSON.parse(result.out) as { problems: ProblemJson[]; verified: boolean; warnings: string[] } }));
const problem = async (id: string) => (await solved).json.problems.find((p) => p.id === id)!;
const asks = async (id: string) => (await problem(id)).parts.flatMap((part) => part.asks);

describe('cli: solve on the shipped problem set', () => {
  it('solves and verifies every problem (exit 0)', async () => {
    const { code, json } = await solved;
    expect(code).toBe(0);
    expect(json.warnings).toEqual([]);
    expect(json.problems.length).toBeGreaterThanOrEqual(20);
    for (const p of json.problems) expect({ id: p.id, verified: p.verified }).toEqual({ id: p.id, verified: true });
  });

  it('gives the gradient-descent step of the slide: −24, then 4.4', async () => {
    const values = (await asks('descent')).map((ask) => ask.value);
    expect(values).toContain(-24);
    expect(values.some((value) => value !== undefined && Math.abs(value - 4.4) < 1e-12)).toBe(true);
  });

  it('traces (x + y)z at (−2, 5, −4)', async () => {
    expect((await problem('add_mul_gate')).trace!.gradient).toEqual({ x: -4, y: -4, z: 3 });
  });

  it('explains the slides’ rounded numbers: 0.305 by rounded intermediates, 3.5 as rounding too early', async () => {
    const softmax = (await asks('softmax')).find((ask) => ask.printed?.value === '0.305')!;
    expect(softmax.printed).toMatchObject({ verdict: 'correct' });
    expect(softmax.printed!.reason).toContain('rounding explains it');
    expect(softmax.value).toBeCloseTo(0.3043, 4);
    const classifier = (await asks('softmax_classifier')).find((ask) => ask.printed?.value === '3.5')!;
    expect(classifier.printed).toMatchObject({ verdict: 'incorrect' });
    expect(classifier.printed!.reason).toContain('too early');
  });

  it('prints Markdown by default, with the verification line', async () => {
    const result = await run(['solve']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^# Worked solutions/);
    expect(result.out).toContain('## One gradient-descent step');
    expect(result.out).toContain('✓ Verified');
    expect(result.out).toContain('The slide prints 0.305');
  });
});

describe('cli: solve on files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainrule-solve-'));
  const file = join(dir, 'set.problems');
  writeFileSync(file, ['problem chain "A chain"', 'f = sin(x^2)', 'part a (2 points): df/dx = ?; df/dx at x=1 = ?', 'at x=1', ''].join('\n'));

  it('writes one file per problem, an index and the pictures with -o', async () => {
    const out = join(dir, 'md');
    const result = await run(['solve', file, '-o', out]);
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['chain.md', 'chain.svg', 'index.md']);
    const markdown = readFileSync(join(out, 'chain.md'), 'utf8');
    expect(markdown).toContain('![The computational graph of f');
    expect(markdown).toContain('chain rule');
    expect(markdown).toContain('2 x \\cos\\left(x^{2}\\right)');
  });

  it('checks -o before solving: a folder inside one that does not exist, or a problem file in the way, is refused', async () => {
    const missing = await run(['solve', file, '-o', join(dir, 'no', 'such', 'out')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`cannot write to ${join(dir, 'no', 'such', 'out')}: there is no folder ${join(dir, 'no', 'such')}`);
    const own = join(dir, 'own');
    mkdirSync(own);
    const problem = join(own, 'p.md');
    writeFileSync(problem, 'problem p\nf = x^2\npart a: df/dx = ?\n');
    const clash = await run(['solve', problem, '-o', own]);
    expect(clash.code).toBe(2);
    expect(clash.err).toContain(`${problem} is a problem file: it would be overwritten`);
    expect(readFileSync(problem, 'utf8')).toBe('problem p\nf = x^2\npart a: df/dx = ?\n');
  });

  it('writes self-contained HTML with KaTeX and the picture inline', async () => {
    const out = join(dir, 'html');
    await run(['solve', file, '--format', 'html', '-o', out]);
    const html = readFileSync(join(out, 'chain.html'), 'utf8');
    expect(html).toContain('class="katex"');
    expect(html).not.toMatch(/class="[^"]*katex-error/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('writes a LaTeX document', async () => {
    const result = await run(['solve', file, '--format', 'latex']);
    expect(result.out).toContain('\\documentclass');
    expect(result.out).toContain('\\begin{document}');
  });

  it('says which file and line it cannot read (exit 2)', async () => {
    const bad = join(dir, 'bad.problems');
    writeFileSync(bad, 'problem p\nf = x^\n');
    const result = await run(['solve', bad]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('line 2');
    expect((await run(['solve', join(dir, 'missing.problems')])).code).toBe(2);
  });
});
