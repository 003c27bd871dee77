// The vitest matcher, used as a project would use it (here from the source; test/package.test.ts uses the packed package).
import { describe, expect, it } from 'vitest';
import '../../src/vitest.js';
import { checkDerivative } from '../../src/index.js';

describe('vitest matcher: toBeDerivativeOf', () => {
  it('passes for a correct derivative, however it is written', () => {
    expect('2*x*cos(x^2)').toBeDerivativeOf('sin(x^2)', 'x');
    expect('2x cos(x^2)').toBeDerivativeOf('sin(x^2)');
    expect('x').toBeDerivativeOf('x*y', 'y');
  });

  it('fails with the right derivative and the diagnosis', () => {
    expect(() => expect('cos(x^2)').toBeDerivativeOf('sin(x^2)', 'x')).toThrow(/the derivative is 2\*x\*cos\(x\^2\)[\s\S]*missing inner derivative/);
  });

  it('supports .not', () => {
    expect('cos(x^2)').not.toBeDerivativeOf('sin(x^2)', 'x');
  });

  it('reads the function and the answer each in its own syntax, plain or LaTeX', () => {
    expect('\\cos x').toBeDerivativeOf('\\sin x', 'x');
    expect('\\cos x').toBeDerivativeOf('sin(x)');
    expect('cos(x)').toBeDerivativeOf('\\sin x');
    expect('\\frac{2x}{x^2+1}').toBeDerivativeOf('\\ln(x^2+1)', 'x');
    expect('x \\ln(x^2+1)').not.toBeDerivativeOf('\\ln(x^2+1)', 'x');
    expect(checkDerivative('\\cos x', '\\sin x', 'x').verdict).toBe('correct');
  });

  it('checks a derivative by a named intermediate as its adjoint', () => {
    expect('a - y').toBeDerivativeOf('z = w*x + b; a = sigmoid(z); L = (y - a)^2/2', 'a');
    expect('y - a').not.toBeDerivativeOf('z = w*x + b; a = sigmoid(z); L = (y - a)^2/2', 'a');
  });

  it('fails on input it cannot read, with or without .not', () => {
    expect(() => expect('cos(x)').toBeDerivativeOf('sin(x^2', 'x')).toThrow(/this "\(" is never closed/);
    expect(() => expect('cos(x)').not.toBeDerivativeOf('sin(x^2', 'x')).toThrow(/this "\(" is never closed/);
  });

  it('asks for the variable when the function has several', () => {
    expect(() => checkDerivative('y', 'x*y')).toThrow('say which variable to differentiate x*y by: it has x, y');
  });
});
