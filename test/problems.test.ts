// The example files in problems/ run through the command line and give the lecture's numbers.
import { describe, expect, it } from 'vitest';
import { run } from './cli/run.js';

const file = (name: string) => new URL(`../problems/seeds/${name}`, import.meta.url).pathname;

describe('problems/seeds', () => {
  it.each([
    ['add-mul-gate.txt', 'x=-2,y=5,z=-4', { value: -12, gradient: { x: -4, y: -4, z: 3 } }],
    ['quotient.txt', 'x=3,y=4,z=2', { value: 18, gradient: { x: 12, y: 4.5, z: -9 } }],
    ['gradient-descent.txt', 'w=2,x=3,y=10', { value: 16, gradient: { w: -24, x: -16, y: 8 } }],
  ])('%s at %s', async (name, at, expected) => {
    const result = await run(['grad', '--file', file(name), '--at', at, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ ...expected, agree: true });
  });

  it('one-neuron.txt gives the forward pass of the slide', async () => {
    const result = await run(['eval', '--file', file('one-neuron.txt'), '--at', 'w=0.3,x=0.5,b=0.1,y=1.5', '--json']);
    const json = JSON.parse(result.out);
    expect(json.bindings.z).toBe(0.25);
    expect(json.bindings.a).toBeCloseTo(0.5622, 4);
    expect(json.value).toBeCloseTo(0.44, 2);
  });
});

describe('problems/seeds.problems', () => {
  const file = new URL('../problems/seeds.problems', import.meta.url).pathname;

  it('loads, and every instructor answer in it is right', async () => {
    const { parseProblems } = await import('../src/index.js');
    const { readFileSync } = await import('node:fs');
    const set = parseProblems(readFileSync(file, 'utf8'), 'seeds.problems');
    expect(set.warnings).toEqual([]);
    expect(set.problems.map((problem) => problem.id)).toEqual(['add_mul_gate', 'quotient', 'descent', 'neuron']);
  });

  it('gives full marks to the lecture’s own solution', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'chainrule-seeds-'));
    const answers = join(dir, 'lecture.txt');
    writeFileSync(
      answers,
      [
        'problem add_mul_gate',
        'df/dx = z',
        'df/dy = z',
        'df/dz = x + y',
        'df/dx at x=-2, y=5, z=-4 = -4',
        'df/dy at x=-2, y=5, z=-4 = -4',
        'df/dz at x=-2, y=5, z=-4 = 3',
        'f at x=-2, y=5, z=-4 = -12',
        'problem quotient',
        '\\frac{\\partial f}{\\partial x} = \\frac{2xy}{z}',
        'df/dy = x^2/z',
        'df/dz = -x^2 y/z^2',
        'df/dx at x=3, y=4, z=2 = 12',
        'df/dy at x=3, y=4, z=2 = 4.5',
        'df/dz at x=3, y=4, z=2 = -9',
        'problem descent',
        'dL/dw = -2x(y - w x)',
        'dL/dw at w=2, x=3, y=10 = -24',
        'w - 0.1*dL/dw at w=2, x=3, y=10 = 4.4',
        'problem neuron',
        'z at w=0.3, x=0.5, b=0.1 = 0.25',
        'a at w=0.3, x=0.5, b=0.1 = 0.56',
        'L at w=0.3, x=0.5, b=0.1, y=1.5 = 0.44',
        'dL/dw = -(y - a) a (1 - a) x',
        'dL/db = -(y - a) a (1 - a)',
      ].join('\n'),
    );
    const result = await run(['grade', file, answers, '--results', join(dir, 'grades.jsonl'), '--json']);
    expect(result.code).toBe(0);
    const [student] = JSON.parse(result.out).students;
    expect([student.total, student.max]).toEqual([20, 20]);
  });
});
