// Homework documents from the command line, as a student and a teaching assistant use them: check hw.tex, hw.md and
// hw.ipynb at their own lines, --annotate (opened in headless Chromium: every formula typeset, the marks beside the
// right rows), and grade accepting documents as submissions.
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'chainrule-documents-'));
const homework = String.raw`\documentclass{article}
\usepackage{amsmath}
% student: Ada Lovelace
\newcommand{\dd}[2]{\frac{\partial #1}{\partial #2}}
\begin{document}
\section*{Problem neuron}
One neuron: $z = w x + b$, $a = \sigma(z)$ and
\[ L = \frac{1}{2}(y - a)^2 . \]
The derivatives:
\begin{align*}
\dd{L}{a} &= a - y \\
\dd{L}{z} &= (a - y)\, a (1 - a) \nonumber \\
  &= (a - y) a - (a - y) a^2 \\
  &= (a - y)(a + a^2)
\end{align*}
so the loss is smallest at $a = 1$. Then
\begin{equation}
\dd{L}{w} = (a - y) a (1 - a) x
\end{equation}
\end{document}
`;
const file = join(dir, 'hw.tex');
writeFileSync(file, homework);

describe('cli: check on a homework document', () => {
  it('reports each claim at the document position, the wrong step with the derivation it belongs to, and never fails on prose', async () => {
    const result = await run(['check', file]);
    expect(result.code).toBe(1);
    expect(result.err).toBe('');
    const heads = result.out.split('\n').filter((line) => line.startsWith(file));
    expect(heads).toEqual([`${file}:11:1: ✓ correct`, `${file}:14:3: ✗ incorrect (step 3 of the derivation at line 12)`, `${file}:18:1: ✓ correct`]);
    expect(result.out).toContain('    &= (a - y)(a + a^2)');
    expect(result.out).toMatch(/3 claims: 2 correct, 1 incorrect, 0 undetermined; 1 math line not checked/);
    const json = JSON.parse((await run(['check', file, '--json'])).out);
    expect(json.claims[1]).toMatchObject({ line: 14, column: 3, start_line: 12, verdict: 'incorrect', step: 3 });
    expect(json.not_checked).toEqual([{ line: 16, column: 29, reason: 'it states a value, which is not a claim to check' }]);
  });

  it('writes an annotated copy that Chromium shows with every formula typeset and the marks beside the right rows', async () => {
    const result = await run(['check', file, '--annotate']);
    expect(result.err).toContain('hw.checked.html');
    const html = readFileSync(join(dir, 'hw.checked.html'), 'utf8');
    expect(html).not.toContain('class="katex-error"');
    const chromium = findChromium();
    if (!chromium) return;
    const { stdout } = await promisify(execFile)(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--dump-dom', `file://${join(dir, 'hw.checked.html')}`], { timeout: 60_000 });
    const rows = [...stdout.matchAll(/<tr><td[^>]*>([✓✗·–?]?)<\/td><td[^>]*>([\s\S]*?)<\/td>/g)].map((match) => [match[1], /annotation encoding="application\/x-tex">([^<]*)</.exec(match[2]!)?.[1]?.trim()]);
    expect(rows.filter(([mark]) => mark !== '')).toEqual([
      ['✓', '\\frac{\\partial L}{\\partial a} = a - y'],
      ['✓', '\\frac{\\partial L}{\\partial z} = (a - y)\\, a (1 - a)'],
      ['✓', '= (a - y) a - (a - y) a^2'],
      ['✗', '= (a - y)(a + a^2)'],
      ['✓', '\\frac{\\partial L}{\\partial w} = (a - y) a (1 - a) x'],
    ]);
  }, 90_000);
});

describe('cli: grade with documents as submissions', () => {
  it('grades LaTeX and Markdown homework, naming the student from the document', async () => {
    const problems = join(dir, 'neuron.problems');
    writeFileSync(problems, ['problem neuron "One neuron"', 'z = w*x + b', 'a = sigmoid(z)', 'L = 1/2*(y - a)^2', 'part a (2 points): dL/da = ?; dL/dw = ?'].join('\n'));
    const subs = join(dir, 'subs');
    mkdirSync(subs);
    writeFileSync(join(subs, 'ada.tex'), homework);
    writeFileSync(join(subs, 'bo.md'), ['---', 'student: Bo Peep', '---', '## Problem neuron', '', '$$\\frac{\\partial L}{\\partial a} = y - a$$'].join('\n'));
    const result = await run(['grade', problems, subs, '--results', join(dir, 'grades.jsonl')]);
    expect(result.out).toContain('Ada Lovelace: 2/2');
    expect(result.out).toContain('Bo Peep: 0/2');
    expect(result.out).toMatch(/✗ \\frac\{\\partial L\}\{\\partial a\} = y - a \(line 6\)/);
  });
});

function findChromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser']) {
    for (const folder of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
      try {
        accessSync(join(folder, name), constants.X_OK);
        return join(folder, name);
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

describe('cli: check --format compact', () => {
  it('writes one file:line:col line per claim, the form problem matchers read', async () => {
    const result = await run(['check', file, '--format', 'compact']);
    expect(result.out.trim().split('\n')).toEqual([
      `${file}:11:1: note: ✓ correct: \\dd{L}{a} &= a - y \\\\`,
      `${file}:14:3: error: ✗ incorrect: &= (a - y)(a + a^2) (the line before is a*(a - y) - a^2*(a - y))`,
      `${file}:18:1: note: ✓ correct: \\dd{L}{w} = (a - y) a (1 - a) x`,
    ]);
    const claims = join(dir, 'plain.txt');
    writeFileSync(claims, 'f = x^2 sin(x)\ndf/dx = 2x sin(x)\nd/dx (x^2 = 2x\n');
    const plain = await run(['check', claims, '--format', 'compact']);
    expect(plain.out.split('\n')[0]).toMatch(new RegExp(`^${claims.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:1: error: ✗ incorrect: df/dx = 2x sin\\(x\\) \\(a product-rule term is missing`));
    expect(plain.out.split('\n')[1]).toBe(`${claims}:3:11: error: unexpected "="`);
    expect(plain.code).toBe(2);
  });
});
