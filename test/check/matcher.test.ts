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

  it('asks for the variable when the function has several', () => {
    expect(() => checkDerivative('y', 'x*y')).toThrow('say which variable to differentiate x*y by: it has x, y');
  });
});
