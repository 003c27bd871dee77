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
    const { parseProblems } = await import('../src/engines.js');
    const { readFileSync } = await import('node:fs');
    const set = parseProblems(readFileSync(file, 'utf8'), 'seeds.problems');
    expect(set.warnings).toEqual([]);
    expect(set.problems.map((problem) => problem.id)).toEqual([
      'add_mul_gate',
      'quotient',
      'descent',
      'neuron',
      'sigmoid_derivative',
      'tanh_derivative',
      'relu_derivative',
      'leaky_relu_derivative',
      'elu_derivative',
      'softmax',
      'softmax_classifier',
      'softmax_ce_gradient',
      'mse_mae',
      'bce',
      'cce',
      'cross_entropy',
      'hinge',
      'hinge_vs_ce',
      'naive_losses',
      'regularization',
    ]);
  });

  // The slides' own numbers where they are right (rounded ones included: 0.56, 0.305, 0.691…); where a slide's printed
  // number is wrong (σ(5.7) ≈ 0.9966, the softmax's 0 entries, -log 0.03 = 3.5, 2·10⁻¹¹) the corrected one, as the
  // printed-number test (problems-printed.test.ts) shows them judged.
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
        'q at x=-2, y=5 = 3',
        'f at x=-2, y=5, z=-4 = -12',
        'df/dq = z',
        'df/dq at x=-2, y=5, z=-4 = -4',
        'problem quotient',
        '\\frac{\\partial f}{\\partial x} = \\frac{2xy}{z}',
        'df/dy = x^2/z',
        'df/dz = -x^2 y/z^2',
        'df/dx at x=3, y=4, z=2 = 12',
        'df/dy at x=3, y=4, z=2 = 4.5',
        'df/dz at x=3, y=4, z=2 = -9',
        'v at x=3 = 9',
        'u at x=3, y=4 = 36',
        'f at x=3, y=4, z=2 = 18',
        'problem descent',
        'dL/dw = -2x(y - w x)',
        'dL/dw at w=2, x=3, y=10 = -24',
        'w - 0.1*dL/dw at w=2, x=3, y=10 = 4.4',
        'L at w=2, x=3, y=10 = 16',
        'L at w=4.4, x=3, y=10 = 10.24',
        'problem neuron',
        'z at w=0.3, x=0.5, b=0.1 = 0.25',
        'a at w=0.3, x=0.5, b=0.1 = 0.56',
        'L at w=0.3, x=0.5, b=0.1, y=1.5 = 0.44',
        'dL/dw = -(y - a) a (1 - a) x',
        'dL/db = -(y - a) a (1 - a)',
        'dL/dw at w=0.3, x=0.5, b=0.1, y=1.5 = -0.1154',
        'dL/db at w=0.3, x=0.5, b=0.1, y=1.5 = -0.2308',
        'problem sigmoid_derivative',
        'dg/dz = g*(1 - g)',
        'g at z=5.7 = 0.9967', // the slide: 0.9966
        'dg/dz at z=0 = 0.25',
        'dg/dz at z=5.7 = 0.00332',
        'problem tanh_derivative',
        'dg/dz = 1 - tanh(z)^2',
        'dg/dz at z=0 = 1',
        'dg/dz at z=5.7 = 0.0000448',
        'problem relu_derivative',
        'dg/dz = step(z)',
        'dg/dz at z=2 = 1',
        'dg/dz at z=-2 = 0',
        'dg/dz at z=0 = 0',
        'g at z=2 = 2',
        'g at z=-2 = 0',
        'problem leaky_relu_derivative',
        'dg/dz = step(z) + 0.01*(1 - step(z))',
        'dg/dz at z=2 = 1',
        'dg/dz at z=-2 = 0.01',
        'dg/dz at z=0 = 0.01',
        'g at z=-2 = -0.02',
        'dh/dalpha = z*(1 - step(z))',
        'dh/dalpha at z=-2, alpha=0.25 = -2',
        'problem elu_derivative',
        'dg/dz = step(z) + exp(z)*(1 - step(z))',
        'dg/dz at z=1 = 1',
        'dg/dz at z=-1 = exp(-1)',
        'dg/dz at z=0 = 1',
        'g at z=-1 = exp(-1) - 1',
        'problem softmax',
        'exp(1.5) = 4.48',
        'exp(0.8) = 2.23',
        'exp(-0.5) = 0.61',
        'S at z0=1.5, z1=0.8, z2=-0.5 = 7.32',
        'p0 at z0=1.5, z1=0.8, z2=-0.5 = 0.612',
        'p1 at z0=1.5, z1=0.8, z2=-0.5 = 0.305',
        'p2 at z0=1.5, z1=0.8, z2=-0.5 = 0.083',
        'dp0/dz0 = p0*(1 - p0)',
        'dp0/dz1 = -p0*p1',
        'dp1/dz2 = -p1*p2',
        'dp0/dz0 at z0=1.5, z1=0.8, z2=-0.5 = 0.2373',
        'dp0/dz1 at z0=1.5, z1=0.8, z2=-0.5 = -0.1865',
        'problem softmax_classifier',
        'p1 at z1=3.2, z2=5.1, z3=-1.7, z4=-3.7 = 0.13',
        'p2 at z1=3.2, z2=5.1, z3=-1.7, z4=-3.7 = 0.87',
        'p3 at z1=3.2, z2=5.1, z3=-1.7, z4=-3.7 = 0.001', // the slide: 0, here and for the next two
        'p4 at z1=3.2, z2=5.1, z3=-1.7, z4=-3.7 = 0.0001',
        'L at z1=3.2, z2=5.1, z3=-1.7, z4=-3.7 = 0.14',
        'p1 at z1=5.8, z2=2.2, z3=-1.6, z4=1.5 = 0.96',
        'p2 at z1=5.8, z2=2.2, z3=-1.6, z4=1.5 = 0.03',
        'p3 at z1=5.8, z2=2.2, z3=-1.6, z4=1.5 = 0.0006',
        'p4 at z1=5.8, z2=2.2, z3=-1.6, z4=1.5 = 0.01',
        'L at z1=5.8, z2=2.2, z3=-1.6, z4=1.5 = 3.64', // the slide: 3.5
        'problem softmax_ce_gradient',
        'dL/ds1 = p1 - 1',
        'dL/ds2 = p2',
        'dL/ds3 = p3',
        'dL/ds1 at s1=3.2, s2=5.1, s3=-1.7 = -0.870',
        'dL/ds2 at s1=3.2, s2=5.1, s3=-1.7 = 0.869',
        'dL/ds3 at s1=3.2, s2=5.1, s3=-1.7 = 0.000968',
        'problem mse_mae',
        'MSE at yhat1=4.2, yhat2=3.8, yhat3=5.1, y1=5.0, y2=4.0, y3=4.9 = 0.24',
        'MAE at yhat1=4.2, yhat2=3.8, yhat3=5.1, y1=5.0, y2=4.0, y3=4.9 = 0.4',
        'dMSE/dyhat1 = -2/3 (y1 - yhat1)',
        'dMAE/dyhat1 = -sign(y1 - yhat1)/3',
        'dMSE/dyhat1 at yhat1=4.2, y1=5.0 = -8/15',
        'dMSE/dyhat2 at yhat2=3.8, y2=4.0 = -2/15',
        'dMAE/dyhat1 at yhat1=4.2, y1=5.0 = -1/3',
        'dMAE/dyhat2 at yhat2=3.8, y2=4.0 = -1/3',
        'problem bce',
        'log(0.7) = -0.357',
        'log(0.9) = -0.105',
        'BCE at yhat1=0.7, yhat2=0.3, yhat3=0.9, y1=1, y2=0, y3=1 = 0.273',
        'dBCE/dyhat1 = -(y1/yhat1 - (1 - y1)/(1 - yhat1))/3',
        'dBCE/dyhat1 at yhat1=0.7, y1=1 = -10/21',
        'dBCE/dyhat2 at yhat2=0.3, y2=0 = 10/21',
        'problem cce',
        'log(0.7) = -0.357',
        'log(0.6) = -0.511',
        'log(0.3) = -1.204',
        '-(log(q1) + log(q2) + log(q3)) at q1=0.7, q2=0.6, q3=0.3 = 2.072',
        'CCE at q1=0.7, q2=0.6, q3=0.3 = 0.691',
        'dCCE/dq3 = -1/(3 q3)',
        'dCCE/dq3 at q1=0.7, q2=0.6, q3=0.3 = -10/9',
        'problem cross_entropy',
        'L1 at cat1=3.2, chair1=5.1, car1=-1.7 = 2.04',
        'L2 at cat2=1.3, chair2=4.9, car2=2.0 = 0.079',
        'L3 at cat3=2.2, chair3=2.5, car3=-3.1 = 6.156',
        'L at cat1=3.2, chair1=5.1, car1=-1.7, cat2=1.3, chair2=4.9, car2=2.0, cat3=2.2, chair3=2.5, car3=-3.1 = 2.76',
        'problem hinge',
        'L1 at cat1=3.2, chair1=5.1, car1=-1.7 = 2.9',
        'L2 at cat2=1.3, chair2=4.9, car2=2.0 = 0',
        'L3 at cat3=2.2, chair3=2.5, car3=-3.1 = 12.9',
        'L at cat1=3.2, chair1=5.1, car1=-1.7, cat2=1.3, chair2=4.9, car2=2.0, cat3=2.2, chair3=2.5, car3=-3.1 = 5.3',
        'dL1/dcat1 at cat1=3.2, chair1=5.1, car1=-1.7 = -1',
        'dL1/dchair1 at cat1=3.2, chair1=5.1, car1=-1.7 = 1',
        'dL1/dcar1 at cat1=3.2, chair1=5.1, car1=-1.7 = 0',
        'dL2/dchair2 at cat2=1.3, chair2=4.9, car2=2.0 = 0',
        'dL3/dcar3 at cat3=2.2, chair3=2.5, car3=-3.1 = -2',
        'problem hinge_vs_ce',
        'hinge at s0=5, s1=-3, s2=2 = 0',
        'ce at s0=5, s1=-3, s2=2 = 0.05',
        'hinge at s0=5, s1=10, s2=10 = 12',
        'ce at s0=5, s1=10, s2=10 = 5.70',
        'hinge at s0=5, s1=-20, s2=-20 = 0',
        'ce at s0=5, s1=-20, s2=-20 = 2.78*10^-11', // the slide: 2*10^-11
        'dhinge/ds0 at s0=5, s1=-20, s2=-20 = 0',
        'dce/ds0 at s0=5, s1=-20, s2=-20 = -2.78*10^-11',
        'problem naive_losses',
        'L2 at f1=12, f2=24, f3=42, f4=23, y1=15, y2=20, y3=40, y4=25 = 33',
        'L1 at f1=12, f2=24, f3=42, f4=23, y1=15, y2=20, y3=40, y4=25 = 11',
        'dL2/df1 = -2(y1 - f1)',
        'dL1/df1 = -sign(y1 - f1)',
        'dL2/df1 at f1=12, y1=15 = -6',
        'dL2/df2 at f2=24, y2=20 = 8',
        'dL1/df1 at f1=12, y1=15 = -1',
        'dL1/df2 at f2=24, y2=20 = 1',
        'problem regularization',
        's1 at w11=1, w12=0, w13=0, w14=0 = 1',
        's2 at w21=0.25, w22=0.25, w23=0.25, w24=0.25 = 1',
        'Rw1 at w11=1, w12=0, w13=0, w14=0 = 1',
        'Rw2 at w21=0.25, w22=0.25, w23=0.25, w24=0.25 = 0.25',
        'R at w11=1, w12=0, w13=0, w14=0, w21=0.25, w22=0.25, w23=0.25, w24=0.25 = 1.25',
        'R1w1 at w11=1, w12=0, w13=0, w14=0 = 1',
        'R1w2 at w21=0.25, w22=0.25, w23=0.25, w24=0.25 = 1',
        'dR/dw11 at w11=1 = 2',
        'dR/dw21 at w21=0.25 = 0.5',
      ].join('\n'),
    );
    const result = await run(['grade', file, answers, '--results', join(dir, 'grades.jsonl'), '--json']);
    expect(result.code).toBe(0);
    const [student] = JSON.parse(result.out).students;
    expect([student.total, student.max]).toEqual([160, 160]);
  });
});
