// The bigint kernels behind the ops' high-precision values, against decimal.js's own correctly rounded functions.
import decimalModule, { type Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/check/random.js';
import * as decimal from '../../src/ops/decimal/index.js';

const DecimalBase = decimalModule as unknown as typeof Decimal;

/** Arguments from tiny to large, both signs, with many digits (as computed values have). */
function argumentsFor(seed: number, D: typeof Decimal): Decimal[] {
  const random = seededRandom(seed);
  const fixed = ['1e-30', '-3e-12', '0.001', '0.5', '-0.71', '0.999999', '1', '1.000001', '1.41', '2', '-3.3', '7', '21.991148575128552669', '100', '-1234.5', '98765.4321'];
  const drawn = Array.from({ length: 24 }, () => new D(random() - 0.5).times(new D(10).pow(Math.round(random() * 8 - 4))).times(new D(1).plus(new D(random()).div(3))));
  return [...fixed.map((text) => new D(text)), ...drawn];
}

/** Kernels and the decimal.js function each must agree with (where decimal.js is defined). */
const PAIRS: readonly [string, (x: Decimal, D: typeof Decimal) => Decimal, (x: Decimal) => Decimal][] = [
  ['exp', decimal.exp, (x) => x.exp()],
  ['expm1', decimal.expm1, (x) => x.exp().minus(1)],
  ['ln', decimal.ln, (x) => x.ln()],
  ['log1p', decimal.log1p, (x) => x.plus(1).ln()],
  ['log2', decimal.log2, (x) => x.log(2)],
  ['log10', decimal.log10, (x) => x.log(10)],
  ['sin', (x, D) => decimal.sinCos(x, D).sin, (x) => x.sin()],
  ['cos', (x, D) => decimal.sinCos(x, D).cos, (x) => x.cos()],
  ['atan', decimal.atan, (x) => x.atan()],
  ['asin', decimal.asin, (x) => x.asin()],
  ['acos', decimal.acos, (x) => x.acos()],
  ['sinh', decimal.sinh, (x) => x.sinh()],
  ['cosh', decimal.cosh, (x) => x.cosh()],
  ['tanh', decimal.tanh, (x) => x.tanh()],
  ['asinh', decimal.asinh, (x) => x.asinh()],
  ['acosh', decimal.acosh, (x) => x.acosh()],
  ['atanh', decimal.atanh, (x) => x.atanh()],
  ['sqrt', decimal.sqrt, (x) => x.sqrt()],
  ['cbrt', decimal.cbrt, (x) => x.cbrt()],
  ['power 2.5^x', (x, D) => decimal.power(new D('2.5'), x, D), (x) => new (x.constructor as typeof Decimal)('2.5').pow(x)],
  ['power |x|^0.37', (x, D) => decimal.power(x.abs(), new D('0.37'), D), (x) => x.abs().pow('0.37')],
];

describe.each([20, 50, 120])('decimal kernels at %i digits', (digits) => {
  const D = DecimalBase.clone({ precision: digits, rounding: DecimalBase.ROUND_HALF_EVEN });
  const reference = DecimalBase.clone({ precision: digits + 50, rounding: DecimalBase.ROUND_HALF_EVEN }); // enough for eˣ − 1 at x = 10^−30

  it.each(PAIRS.map(([name, kernel, own]) => [name, kernel, own] as const))('%s agrees with decimal.js to the last digit or so', (name, kernel, own) => {
    for (const x of argumentsFor(digits * 31 + name.length, D)) {
      const expected = own(new reference(x));
      if (!expected.isFinite() || expected.abs().gt('1e1000')) continue; // decimal.js: NaN outside the domain; e^(10^15) is beyond the test
      const got = kernel(x, D);
      const context = `${name}(${x.toString()}) at ${digits} digits: ${got.toString()} against ${expected.toString()}`;
      if (expected.isZero()) expect(got.isZero(), context).toBe(true);
      else expect(got.minus(expected).abs().div(expected.abs()).lt(`2e-${digits - 1}`), context).toBe(true); // within 2 units of the last digit
    }
  });

  it('is NaN exactly where decimal.js has no finite value (outside the domain, at a pole)', () => {
    const withDomains = new Set(['ln', 'log2', 'log10', 'asin', 'acos', 'acosh', 'atanh', 'sqrt']);
    for (const x of [...argumentsFor(digits, D), new D(0), new D(-1), new D(1)]) {
      for (const [name, kernel, own] of PAIRS.filter(([name]) => withDomains.has(name))) {
        expect(kernel(x, D).isNaN(), `${name}(${x.toString()})`).toBe(!own(new reference(x)).isFinite());
      }
    }
  });
});

describe('decimal kernels: special functions', () => {
  const D = DecimalBase.clone({ precision: 50, rounding: DecimalBase.ROUND_HALF_EVEN });
  /** Values from mpmath at 80 digits, rounded to 50. */
  const VALUES: readonly [string, string, string][] = [
    ['erf', '0.5', '0.52049987781304653768274665389196452873645157575796'],
    ['erf', '-1.7', '-0.98379045859077456362624258812188121343272049589369'],
    ['erfc', '3', '0.00002209049699858544137277612958232037984770708739925'],
    ['erfc', '6', '2.1519736712498913116593350399187384630477514061689e-17'],
    ['erfc', '12.5', '6.2319427819799110061395491290896873663800205282183e-70'],
    ['erfc', '30', '2.5646562037561116000333972775014471465488897227786e-393'],
    ['erfc', '-2', '1.9953222650189527341620692563672529286108917970401'],
  ];

  it.each(VALUES)('%s(%s) is %s', (name, x, expected) => {
    const got = (name === 'erf' ? decimal.erf : decimal.erfc)(new D(x), D);
    expect(got.minus(expected).abs().div(new D(expected).abs()).lt('1e-48')).toBe(true);
  });

  it('keeps erf + erfc = 1 and erf odd over the range where each method is used', () => {
    for (const x of ['0.01', '0.3', '1', '2.2', '4', '5.5', '7', '9', '15', '40']) {
      const value = new D(x);
      expect(decimal.erf(value, D).plus(decimal.erfc(value, D)).minus(1).abs().lt('1e-48'), x).toBe(true);
      expect(decimal.erf(value.neg(), D).plus(decimal.erf(value, D)).isZero(), x).toBe(true);
    }
  });

  it('keeps relative precision where naive formulas cancel', () => {
    const tiny = new D('1e-30');
    expect(decimal.expm1(tiny, D).minus('1.0000000000000000000000000000005e-30').abs().lt('1e-79')).toBe(true); // x + x²/2
    expect(decimal.log1p(tiny, D).minus('9.999999999999999999999999999995e-31').abs().lt('1e-79')).toBe(true); // x − x²/2
    expect(decimal.sinh(tiny, D).div(tiny).minus(1).abs().lt('1e-49')).toBe(true);
    expect(decimal.sinCos(decimal.pi(D).times(1e6), D).sin.abs().lt('1e-40')).toBe(true);
  });
});
