import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const VERIFIED = '✓ verified at 5 random points: symbolic, reverse mode and finite differences agree';

describe('cli: diff --steps', () => {
  it('writes the derivation rule by rule, and still the cross-check', async () => {
    const result = await run(['diff', 'x^2*sin(x)', '--steps']);
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      [
        'f = x^2*sin(x)',
        '∂f/∂x = x^2*cos(x) + 2*x*sin(x)',
        '',
        '∂f/∂x step by step:',
        "  product rule: d/dx (u·v) = u'·v + u·v' with u = x^2, v = sin(x)",
        "    u' = 2*x  (power rule)",
        "    v' = cos(x)  (derivative of sin)",
        '  = x^2*cos(x) + 2*x*sin(x)',
        '',
        VERIFIED,
        '',
      ].join('\n'),
    );
  });

  it('writes the chain rule inside the quotient rule with "let"', async () => {
    const result = await run(['diff', 'sin(x^2)/x', '--steps']);
    expect(result.out).toContain(
      [
        "  quotient rule: d/dx (u/v) = (u'·v - u·v')/v^2 with u = sin(x^2), v = x",
        "    u': chain rule (derivative of sin), let w = x^2: d/dx sin(w) = cos(w)·w'",
        "      w' = 2*x  (power rule)",
        "      so u' = 2*x*cos(x^2)",
        "    v' = 1",
        '  = 2*cos(x^2) - sin(x^2)/x^2',
      ].join('\n'),
    );
    expect(result.out).toContain(VERIFIED);
  });

  it('writes one derivation per variable, bindings by their names', async () => {
    const result = await run(['diff', 'q = x + y; f = q*z', '--steps']);
    expect(result.out.match(/step by step:/g)).toHaveLength(3);
    expect(result.out).toContain("∂f/∂x step by step:\n  constant multiple rule: ∂/∂x (c·q) = c·q' with c = z\n    q' = ∂/∂x (x + y) = 1  (sum rule)\n  = z\n");
    expect(result.out).toContain('∂f/∂z step by step:\n  ∂/∂z (q*z) = q  (constant multiple rule)\n  = x + y\n');
  });

  it('adds a steps key to the JSON and keeps every other key', async () => {
    const plain = JSON.parse((await run(['diff', 'sin(x^2)', '--format', 'json'])).out) as Record<string, unknown>;
    const json = JSON.parse((await run(['diff', 'sin(x^2)', '--format', 'json', '--steps'])).out) as Record<string, unknown> & {
      steps: { x: { steps: { rule: string; title: string; formula: string }; result: string; matches_differentiator: string } };
    };
    expect(Object.keys(plain)).not.toContain('steps');
    expect(Object.keys(json)).toEqual([...Object.keys(plain), 'steps']);
    for (const key of ['function', 'variables', 'derivatives', 'latex', 'notes']) expect(json[key]).toEqual(plain[key]);
    expect(json.steps.x.steps).toMatchObject({ rule: 'function', title: 'chain rule (derivative of sin)', formula: "d/dx sin(u) = cos(u)·u'" });
    expect(json.steps.x.result).toBe('2*x*cos(x^2)');
    expect(json.steps.x.matches_differentiator).toBe('identical');
  });

  it('writes LaTeX as an aligned block, the check as a comment', async () => {
    const result = await run(['diff', 'sin(x^2)/x', '--format', 'latex', '--steps']);
    expect(result.out).toContain('% ∂f/∂x step by step\n\\begin{aligned}\n&\\text{quotient rule: }\\frac{d}{dx}\\frac{u}{v}');
    expect(result.out).toContain("&\\qquad \\qquad w' = 2 x\\quad \\text{(power rule)}");
    expect(result.out).toContain(`% ${VERIFIED}`);
  });

  it('leaves the output as it was without --steps', async () => {
    const result = await run(['diff', 'x^2*sin(x)']);
    expect(result.out).not.toContain('step by step');
  });

  it('keeps a large derivation bounded', async () => {
    const lines = ['u0 = x'];
    for (let i = 1; i <= 12; i++) lines.push(`u${i} = sin(u${i - 1})*u${i - 1}`);
    const result = await run(['diff', lines.join('; '), '--steps']);
    expect(result.code).toBe(0);
    const steps = result.out.slice(result.out.indexOf('step by step:'));
    expect(steps.split('\n').length).toBeLessThan(120);
    expect(steps).toMatch(/more steps? not shown|as above/);
  });
});

describe('cli: diff --steps, cases found by review', () => {
  it('never writes a constant as the name of a binding that simplifies to it (q = x/x)', async () => {
    const result = await run(['diff', 'q = x/x; f = q*sin(x) + x', '--steps']);
    expect(result.out).toContain("    v' = 1\n");
    expect(result.out).toContain('  = cos(x) + 1\n');
    expect(result.out).not.toContain("v' = q");
  });

  it('names the earlier node of a rebound name c_1, so that c′ is not confused with ∂c/∂a', async () => {
    const result = await run(['diff', 'c = a + b; c = c*sin(c)', '--steps', '--wrt', 'a']);
    expect(result.out).toContain("product rule: ∂/∂a (c_1·u) = c_1'·u + c_1·u' with u = sin(c_1)");
    expect(result.out).toContain("c_1' = ∂/∂a (a + b) = 1  (sum rule)");
  });

  it('does not give a constant the name of a binding (c_0 taken, a, b, c taken)', async () => {
    const result = await run(['diff', 'c_0 = a*b*c; f = 2*c_0*sin(x^2)', '--steps', '--wrt', 'x']);
    expect(result.out).toContain("constant multiple rule: ∂/∂x (c_1·u) = c_1·u' with u = sin(x^2), c_1 = 2*a*b*c");
    expect(result.out).not.toContain('c_0 = 2*a*b*c');
  });
});
