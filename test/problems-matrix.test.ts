// Matrix problems (problems/vectorized.problems): the lecture notes' vectorized backprop graded and solved. The
// numbers a solution prints are compared with a computation written here in plain JS (not chainrule's).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gradeSubmission } from '../src/check/grade.js';
import { parseProblems } from '../src/check/problems.js';
import { run } from './cli/run.js';

const file = new URL('../problems/vectorized.problems', import.meta.url).pathname;
const set = parseProblems(readFileSync(file, 'utf8'), file);

const grade = (text: string) => {
  const graded = gradeSubmission(set, text, 'student');
  const part = (problem: string, id: string) => graded.parts.find((candidate) => candidate.problem === problem && candidate.part === id)!;
  return { graded, part };
};

describe('matrix problems in a problem file', () => {
  it('reads the shipped vectorized problems, with every instructor answer right', () => {
    expect(set.problems.map((problem) => problem.id)).toEqual(['vectorized_chain_rule', 'two_layer', 'delta_recursion', 'adam_step']);
    expect(set.problems.every((problem) => problem.matrix !== undefined)).toBe(true);
    expect(set.warnings).toEqual([]);
  });

  it('grades backprop answers written through intermediates, in plain text or LaTeX, and names a missing transpose', () => {
    const plain = grade(['problem two_layer', 'dL/dz2 = yhat - y', "dL/dW2 = dL/dz2 h'", 'dL/db2 = yhat - y', "dL/dh = W2' dL/dz2", 'dL/dz1 = dL/dh .* step(z1)', "dL/dW1 = dL/dz1 x'", 'shape of dL/dW1 = (4, 3)', 'shape of dL/dW2 = 3x4'].join('\n'));
    for (const id of ['a', 'b', 'c', 'd']) expect(plain.part('two_layer', id).verdict).toBe('correct');
    const latex = grade(['problem two_layer', String.raw`\frac{\partial L}{\partial \mathbf{z}_2} = \hat{\mathbf{y}} - \mathbf{y}`, String.raw`\frac{\partial L}{\partial \mathbf{W}_2} = \mathbf{h} (\hat{\mathbf{y}} - \mathbf{y})^\top`].join('\n'));
    const a = latex.part('two_layer', 'a');
    expect(a.points).toBe(1);
    expect(a.asks[1]!.answer!.diagnosisKind).toBe('transpose');
    expect(a.asks[1]!.answer!.expected).toBe('∂L/∂z2 hᵀ');
  });

  it('gives nothing for restating the question, and a shape transposed is wrong', () => {
    const { part } = grade(['problem two_layer', 'dL/dz2 = dL/dz2', 'dL/dW1 = dL/dW1', 'shape of dL/dW1 = (3, 4)'].join('\n'));
    expect(part('two_layer', 'a').points).toBe(0);
    expect(part('two_layer', 'a').asks[0]!.answer!.reason).toContain('not worked out');
    expect(part('two_layer', 'c').points).toBe(0);
    expect(part('two_layer', 'd').asks[0]!.answer!.diagnosisKind).toBe('transpose');
  });

  it('solves them with the numbers at the point, which agree with a computation of their own', async () => {
    const result = await run(['solve', file, '--format', 'json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(json.verified).toBe(true);
    const adam = json.problems.find((problem: { id: string }) => problem.id === 'adam_step');
    const ask = (name: string) => adam.parts.flatMap((part: { asks: { ask: string }[] }) => part.asks).find((entry: { ask: string }) => entry.ask === name);
    // W x − y, g = (W x − y) xᵀ; from m = v = 0 one Adam step moves each weight by η against the sign of g
    const [W, x, y] = [[[0.5, -0.2, 0.1], [0.3, 0.8, -0.5]], [1, 2, 3], [1, 0]];
    const r = W.map((row, i) => row.reduce((sum, w, j) => sum + w * x[j]!, 0) - y[i]!);
    const g = r.map((ri) => x.map((xj) => ri * xj));
    expect(ask('dL/dW').value).toEqual(g.map((row) => row.map((entry) => expect.closeTo(entry, 12))));
    expect(ask('m').value).toEqual(g.map((row) => row.map((entry) => expect.closeTo(0.1 * entry, 12))));
    expect(ask('W_new').value).toEqual(W.map((row, i) => row.map((w, j) => expect.closeTo(w - 0.001 * Math.sign(g[i]![j]!), 9))));
    const chain = json.problems.find((problem: { id: string }) => problem.id === 'vectorized_chain_rule');
    expect(chain.parts[2].asks[0]).toMatchObject({ ask: 'J', value: [[20]] }); // f = W x = (−2, 4), J = 4 + 16
  });

  it('reports an ask a matrix problem cannot answer as an error of the problem file', () => {
    expect(() => parseProblems(['problem p', 'W: 2x3; x: 3', 'L = sum(W x)', 'part a: dM/dW = ?'].join('\n'))).toThrow(/M is not defined/);
  });
});
