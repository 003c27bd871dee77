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
