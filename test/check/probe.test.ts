import { describe, expect, it } from 'vitest';
import { parse } from '../../src/engines.js';
import { probePoints } from '../../src/check/probe.js';

const probes = (text: string) => {
  const program = parse(text);
  return probePoints(program.graph, program.variables, [program.output]);
};

describe('probe points: where random points miss a difference', () => {
  it('reach both sides of a kink far from 0', () => {
    const xs = probes('abs(x + 1000)').map((point) => point.x!);
    expect(xs.some((x) => x < -1000 && x > -1100)).toBe(true);
    expect(xs.some((x) => x > -1000 && x < -900)).toBe(true);
  });

  it('reach both sides of a singularity, never the singularity itself', () => {
    const xs = probes('1/(x - 7000)').map((point) => point.x!);
    expect(xs.some((x) => x < 7000 && x > 6900)).toBe(true);
    expect(xs.some((x) => x > 7000 && x < 7100)).toBe(true);
    expect(xs).not.toContain(7000);
  });

  it('try a negative base with an integer exponent', () => {
    expect(probes('(a^b)^c')).toContainEqual({ a: -1, b: 2, c: 0.5 });
  });

  it('cover magnitudes from 1e-6 to 1e6 with both signs', () => {
    const xs = probes('x^3').map((point) => point.x!);
    expect(xs.some((x) => Math.abs(x) < 1e-5)).toBe(true);
    expect(xs.some((x) => x > 1e5)).toBe(true);
    expect(xs.some((x) => x < -1e5)).toBe(true);
  });

  it('stay inside the domain', () => {
    expect(probes('log(x - 3)').every((point) => point.x! > 3)).toBe(true);
  });

  it('are repeatable', () => {
    expect(probes('abs(x - y) + 1/(x + y)')).toEqual(probes('abs(x - y) + 1/(x + y)'));
  });
});
