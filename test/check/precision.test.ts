// The lecture slides' own numbers as numeric claims (../shared/seeds), judged by the precision rule.
import { describe, expect, it } from 'vitest';
import { checkClaims, precisionOf } from '../../src/engines.js';

const verdictOf = (claim: string) => {
  const report = checkClaims(claim);
  expect(report.errors).toEqual([]);
  return report.claims[0]!;
};

describe('precision: how a number is written', () => {
  it.each([
    ['0.56', 2, 2, 0.005],
    ['0.305', 3, 3, 0.0005],
    ['12', 0, 2, 0],
    ['5.70', 2, 3, 0.005],
    ['2e-11', 11, 1, 0.5e-11],
    ['0e9', 0, 1, 0.5],
  ])('%s has %i decimals and %i significant digits (a whole number is exact)', (text, decimals, significant, halfUnit) => {
    const written = precisionOf(text);
    expect(written.decimals).toBe(decimals);
    expect(written.significant).toBe(significant);
    expect(written.halfUnit).toBeCloseTo(halfUnit, 15);
  });
});

describe('precision: the slides’ numbers that rounding explains are accepted', () => {
  it.each([
    ['one neuron: z', '0.3*0.5 + 0.1 = 0.25'],
    ['one neuron: σ(0.25) to 2 decimals', 'sigmoid(0.25) = 0.56'],
    ['one neuron: σ(0.25) to 4 decimals', 'sigmoid(0.25) = 0.5622'],
    ['one neuron: the loss', '1/2*(1.5 - sigmoid(0.25))^2 = 0.44'],
    ['softmax(1.5, 0.8, -0.5)₁, from 4.48/7.32', 'exp(1.5)/(exp(1.5) + exp(0.8) + exp(-0.5)) = 0.612'],
    ['softmax(1.5, 0.8, -0.5)₂, from 2.23/7.32 (exact 0.30430)', 'exp(0.8)/(exp(1.5) + exp(0.8) + exp(-0.5)) = 0.305'],
    ['softmax(1.5, 0.8, -0.5)₃', 'exp(-0.5)/(exp(1.5) + exp(0.8) + exp(-0.5)) = 0.083'],
    ['MSE', '1/3*((5.0 - 4.2)^2 + (4.0 - 3.8)^2 + (4.9 - 5.1)^2) = 0.24'],
    ['MAE', '1/3*(abs(5.0 - 4.2) + abs(4.0 - 3.8) + abs(4.9 - 5.1)) = 0.4'],
    ['BCE', '-1/3*(log(0.7) + log(0.7) + log(0.9)) = 0.273'],
    ['CCE from logs to 3 decimals (exact 0.69049)', '-(log(0.7) + log(0.6) + log(0.3))/3 = 0.691'],
    ['hinge, example 1', 'max(0, 5.1 - 3.2 + 1) + max(0, -1.7 - 3.2 + 1) = 2.9'],
    ['hinge, example 2', 'max(0, 1.3 - 4.9 + 1) + max(0, 2.0 - 4.9 + 1) = 0'],
    ['hinge, example 3', 'max(0, 2.2 - (-3.1) + 1) + max(0, 2.5 - (-3.1) + 1) = 12.9'],
    ['hinge, mean', '(2.9 + 0 + 12.9)/3 = 5.3'],
    ['cross-entropy, example 1', '-log(exp(3.2)/(exp(3.2) + exp(5.1) + exp(-1.7))) = 2.04'],
    ['cross-entropy, example 2', '-log(exp(4.9)/(exp(1.3) + exp(4.9) + exp(2.0))) = 0.079'],
    ['cross-entropy, example 3', '-log(exp(-3.1)/(exp(2.2) + exp(2.5) + exp(-3.1))) = 6.156'],
    ['cross-entropy, mean of the rounded losses', '(2.04 + 0.079 + 6.156)/3 = 2.76'],
    ['cross-entropy, mean of the exact losses', '(-log(exp(3.2)/(exp(3.2) + exp(5.1) + exp(-1.7))) - log(exp(4.9)/(exp(1.3) + exp(4.9) + exp(2.0))) - log(exp(-3.1)/(exp(2.2) + exp(2.5) + exp(-3.1))))/3 = 2.76'],
    ['model 1 cross-entropy', '-log(exp(5)/(exp(5) + exp(-3) + exp(2))) = 0.05'],
    ['model 2 cross-entropy', '-log(exp(5)/(exp(5) + exp(10) + exp(10))) = 5.70'],
    ['softmax(3.2, 5.1, -1.7, -3.7)₂', 'exp(5.1)/(exp(3.2) + exp(5.1) + exp(-1.7) + exp(-3.7)) = 0.87'],
    ['−log 0.87', '-log(0.87) = 0.14'],
    ['−log 0.03 as a computation', '-log(0.03) = 3.5'],
  ])('%s', (_name, claim) => {
    const result = verdictOf(claim);
    expect(result.verdict, result.reason).toBe('correct');
  });
});

describe('precision: numbers that rounding cannot explain are rejected, with the reason', () => {
  it('rejects 0.57 for σ(0.25) = 0.5622', () => {
    const result = verdictOf('sigmoid(0.25) = 0.57');
    expect(result.verdict).toBe('incorrect');
    expect(result.reason).toBe('rounding cannot explain 0.57: the exact value is 0.562177, which rounds to 0.56');
  });

  it('rejects 3.5 for −log(0.02623) = 3.641, rounded too early', () => {
    const result = verdictOf('-log(0.02623) = 3.5');
    expect(result.verdict).toBe('incorrect');
    expect(result.reason).toBe('3.5 is what you get with 0.02623 rounded to 0.03 too early; the exact value is 3.64085');
  });

  it('rejects the slide’s 3.5 for the cross-entropy of softmax(5.8, 2.2, −1.6, 1.5), whose probability was rounded to 0.03', () => {
    const result = verdictOf('-log(exp(2.2)/(exp(5.8) + exp(2.2) + exp(-1.6) + exp(1.5))) = 3.5');
    expect(result.verdict).toBe('incorrect');
    expect(result.reason).toMatch(/= 0\.0262349 rounded to 0\.03 too early; the exact value is 3\.64067$/);
  });

  it('rejects the slide’s 2·10⁻¹¹ for model 3’s cross-entropy, 2.78·10⁻¹¹', () => {
    const result = verdictOf('-log(exp(5)/(exp(5) + exp(-20) + exp(-20))) = 2*10^-11');
    expect(result.verdict).toBe('incorrect');
    expect(result.reason).toBe('rounding cannot explain 2e-11: the exact value is 2.77758e-11, which rounds to 3e-11');
  });

  it('rejects a truncated value: σ(5.7) = 0.99666 is 0.9967 to 4 decimals, not 0.9966', () => {
    expect(verdictOf('sigmoid(5.7) = 0.9966').verdict).toBe('incorrect');
    expect(verdictOf('sigmoid(5.7) = 0.9967').verdict).toBe('correct');
  });

  it('rejects 0.5 for the neuron’s loss 0.4398: intermediate results keep at least 3 significant digits, whatever the answer keeps', () => {
    const result = checkClaims('z = w*x + b\na = sigmoid(z)\nL = (y - a)^2/2\nL at w=0.3, x=0.5, b=0.1, y=1.5 = 0.5').claims[0]!;
    expect(result.verdict).toBe('incorrect');
    expect(result.expected).toBe('0.439756');
  });

  it('rejects 0.59 for a softmax probability of 0.5813', () => {
    const result = verdictOf('e^2.1/(e^1.2 + e^(-0.3) + e^0.6 + e^2.1) = 0.59');
    expect(result.verdict).toBe('incorrect');
    expect(result.reason).toMatch(/the exact value is 0\.581254$/);
    expect(verdictOf('e^2.1/(e^1.2 + e^(-0.3) + e^0.6 + e^2.1) = 0.58').verdict).toBe('correct');
  });

  it.each([
    ['log(1 + exp(-3.7)) = 0.020', 'exact 0.0244: rounding 1 + e^−3.7 to 1.02 is rounding its digits away'],
    ['log(1 + exp(-2.0)) = 0.131', 'exact 0.1269'],
    ['sigmoid(5)*(1 - sigmoid(5)) = 0.0070', 'exact 0.00665'],
    ['exp(0.0)/(exp(0.0) + exp(-2.3) + exp(-3.6)) = 0.8873', 'exact 0.88685'],
    ['log(1 + exp(-0.5)) = 0.4744', 'exact 0.47408'],
    ['-log(exp(1.0)/(exp(1.0) + exp(-2.6) + exp(-2.6))) = 0.050', 'exact 0.0532'],
    ['exp(2.9)/(exp(2.9) + exp(2.2) + exp(1.2)) = 0.597', 'exact 0.5955: 18.2 + 9.03 + 3.32 is 30.55 on paper, not 30.5'],
    ['-log(exp(2.5)/(exp(2.5) + exp(1.5) + exp(-2.9))) = 0.320', 'exact 0.31656'],
    ['exp(2.5)/(exp(2.5) + exp(-0.3) + exp(-0.1)) = 0.884', 'exact 0.88099'],
  ])('rejects %s: rounding moves an answer at most a unit and a half of its last place (%s)', (claim) => {
    expect(verdictOf(claim).verdict).toBe('incorrect');
  });

  it('keeps the digits written in its reasons', () => {
    expect(verdictOf('log(1 + exp(-3.7)) = 0.020').reason).toMatch(/^0\.020 is what you get/);
    expect(verdictOf('sigmoid(0.25) = 0.5700').reason).toBe('rounding cannot explain 0.5700: the exact value is 0.562177, which rounds to 0.5622');
    expect(verdictOf('2^3 = 9').reason).toBe('9 is not the exact value 8');
    expect(verdictOf('2^3.1 = 9').reason).toBe('9 is not the exact value 8.57419 (a whole number is taken as exact: for a value rounded to a whole number write 9. with its decimal point, or more decimals, for a rounded value)');
    expect(verdictOf('exp(10) = 22026.').verdict).toBe('correct');
  });

  it('judges by explicit tolerances when they are given', () => {
    const report = checkClaims('sigmoid(0.25) = 0.57', { tolerance: { atol: 0.01 } });
    expect(report.claims[0]!.verdict).toBe('correct');
    expect(checkClaims('sigmoid(0.25) = 0.56', { tolerance: { rtol: 1e-4 } }).claims[0]!.verdict).toBe('incorrect');
  });
});
