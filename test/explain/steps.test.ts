import katex from 'katex';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { derivationSteps, derivationsFor, type Derivation, type DerivationStep } from '../../src/explain/steps.js';
import { differentiate, OPS, parse, printText, type Derivatives, type RuleStep } from '../../src/engines.js';
import { renderStepsLatex, renderStepsText, stepsJson } from '../../src/render/steps.js';
import { derivationLines, stepsBlocks } from '../../src/explain/step-lines.js';

afterEach(() => {
  vi.restoreAllMocks();
});

function derive(source: string, variable = 'x', maxSteps?: number): { derivation: Derivation; derivatives: Derivatives } {
  const program = parse(source);
  const derivatives = differentiate(program.graph, program.output);
  return { derivation: derivationSteps(program, derivatives, variable, { maxSteps }), derivatives };
}

/** Rule names in the order the derivation writes them (depth first, parts in order). */
function rulesInOrder(step: DerivationStep): string[] {
  const own = step.rule === 'variable' ? [] : [step.chain ? `chain ${step.function ?? step.rule}` : (step.function ?? step.rule)];
  return [...own, ...step.parts.flatMap((part) => rulesInOrder(part.derivative))];
}

function everyStep(step: DerivationStep): DerivationStep[] {
  return [step, ...step.parts.flatMap((part) => everyStep(part.derivative))];
}

describe('steps: the rules a person writes, in order', () => {
  it('writes the product rule with u and v, then each part', () => {
    const { root } = derive('x^2*sin(x)').derivation;
    expect(root.rule).toBe('product');
    expect(root.formula!.text).toBe("d/dx (u·v) = u'·v + u·v'");
    expect(root.parts.map((part) => [part.symbol, part.expression.text, part.derivative.title, part.derivative.result.text])).toEqual([
      ['u', 'x^2', 'power rule', '2*x'],
      ['v', 'sin(x)', 'derivative of sin', 'cos(x)'],
    ]);
    expect(root.result.text).toBe('x^2*cos(x) + 2*x*sin(x)');
  });

  it('writes the quotient rule, and the chain rule with "let" for a function of x^2', () => {
    const { root } = derive('sin(x^2)/x').derivation;
    expect(root.rule).toBe('quotient');
    expect(root.formula!.text).toBe("d/dx (u/v) = (u'·v - u·v')/v^2");
    const numerator = root.parts[0]!.derivative;
    expect(numerator).toMatchObject({ rule: 'function', function: 'sin', chain: true, title: 'chain rule (derivative of sin)' });
    expect(numerator.parts[0]).toMatchObject({ symbol: 'w', naming: 'let', expression: { text: 'x^2' } });
    expect(numerator.formula!.text).toBe("d/dx sin(w) = cos(w)·w'");
    expect(numerator.result.text).toBe('2*x*cos(x^2)');
    expect(root.parts[1]!.derivative.rule).toBe('variable');
  });

  it('writes the power rule on x without the chain rule, and with it on anything else', () => {
    expect(derive('x^5').derivation.root).toMatchObject({ rule: 'power', chain: false, formula: { text: 'd/dx x^5 = 5*x^4' } });
    const { root } = derive('(x^2 + 1)^3').derivation;
    expect(root).toMatchObject({ rule: 'power', chain: true, title: 'chain rule (power rule)' });
    expect(root.formula!.text).toBe("d/dx u^3 = 3*u^2·u'");
    expect(root.parts[0]!.derivative.rule).toBe('sum');
  });

  it('flattens sums and differences into one step, constants apart', () => {
    const { root } = derive('3*x^4 - 2*x + 7').derivation;
    expect(root.rule).toBe('difference');
    expect(root.formula!.text).toBe("d/dx (u - v + c) = u' - v'");
    expect(root.parts.map((part) => part.expression.text)).toEqual(['3*x^4', '2*x']);
    expect(root.constants.map((constant) => `${constant.symbol} = ${constant.value.text}`)).toEqual(['c = 7']);
    expect(root.result.text).toBe('12*x^3 - 2');
  });

  it('names the rules in the order they are applied, from the output down', () => {
    expect(rulesInOrder(derive('exp(-x^2)*cos(3*x)').derivation.root)).toEqual([
      'product', 'chain exp', 'constant multiple', 'power', 'chain cos', 'constant multiple',
    ]);
    expect(rulesInOrder(derive('2^x + e^(2*x)').derivation.root)).toEqual(['sum', 'exponential', 'chain exponential', 'constant multiple']);
    expect(rulesInOrder(derive('x^x').derivation.root)).toEqual(['general power']);
    expect(rulesInOrder(derive('sigmoid(tanh(x))').derivation.root)).toEqual(['chain sigmoid', 'tanh']);
  });

  it('calls bindings by their names', () => {
    const byX = derive('q = x + y; f = q*z').derivation;
    expect(byX.root).toMatchObject({ rule: 'constant multiple', formula: { text: "∂/∂x (c·q) = c·q'" } });
    expect(byX.root.constants[0]!.value.text).toBe('z');
    expect(byX.root.parts[0]).toMatchObject({ symbol: 'q', naming: 'binding', expression: { text: 'x + y' } });
    const byZ = derive('q = x + y; f = q*z', 'z').derivation;
    expect(byZ.root.expression.text).toBe('q*z');
    expect(byZ.root.result.text).toBe('q');
    expect(byZ.result.text).toBe('x + y');
  });

  it('derives a shared binding once and refers back to it', () => {
    const steps = everyStep(derive('q = x^2; f = q*sin(q)').derivation.root);
    expect(steps.filter((step) => step.expression.text === 'x^2').map((step) => step.rule)).toEqual(['power', 'repeated']);
  });

  it('gives one derivation per variable', () => {
    const program = parse('x^2*y/z');
    const derivations = derivationsFor(program, differentiate(program.graph, program.output));
    expect(derivations.map((derivation) => [derivation.variable, derivation.result.text])).toEqual([
      ['x', '2*x*y/z'],
      ['y', 'x^2/z'],
      ['z', '-x^2*y/z^2'],
    ]);
  });

  it('elides steps past the limit and says how many', () => {
    const { derivation } = derive('sin(cos(tan(exp(log(sinh(cosh(tanh(x+1))))))))', 'x', 3);
    expect(derivation.shown).toBe(3);
    expect(derivation.elided).toBe(6); // 9 operations, 3 written out
    expect(everyStep(derivation.root).some((step) => step.rule === 'elided')).toBe(true);
    expect(renderStepsText([derivation])).toContain('… 6 more steps not shown');
  });
});

describe('steps: read from the differentiator, never re-derived', () => {
  it('uses the recorded rule applications as its locals', () => {
    const { derivation, derivatives } = derive('sin(x^2)/x + x*cos(x)');
    const recorded = new Set<RuleStep>(derivatives.steps);
    const parts = everyStep(derivation.root).flatMap((step) => step.parts);
    expect(parts.length).toBeGreaterThan(0);
    for (const part of parts) {
      expect(part.applications.length).toBeGreaterThan(0);
      for (const application of part.applications) expect(recorded.has(application)).toBe(true);
      if (part.applications.length === 1) expect(part.local.node).toBe(part.applications[0]!.local);
    }
  });

  it('calls no op rule and differentiates nothing itself', () => {
    const program = parse('sigmoid(w*x + b)^2/log(x^2 + 1) - relu(3*x)');
    const derivatives = differentiate(program.graph, program.output);
    const partials = OPS.map((op) => vi.spyOn(op, 'partial'));
    derivationsFor(program, derivatives);
    for (const partial of partials) expect(partial).not.toHaveBeenCalled();
  });

  it('shows a changed record as it is, and says the result then differs', () => {
    const program = parse('sin(x^2)');
    const derivatives = differentiate(program.graph, program.output);
    const { algebra } = derivatives;
    const sinStep = derivatives.steps.find((step) => program.graph.node(step.node).op === 'sin')!;
    const wrongLocal = algebra.call('sin', algebra.simplify(sinStep.inputNode)); // a wrong rule: d sin = sin
    const tampered = { ...derivatives, steps: derivatives.steps.map((step) => (step === sinStep ? { ...step, local: wrongLocal } : step)) };
    const derivation = derivationSteps(program, tampered, 'x');
    expect(derivation.root.formula!.text).toBe("d/dx sin(u) = sin(u)·u'");
    expect(derivation.agreement).toBe('differs');
    expect(renderStepsText([derivation])).toContain("✗ the steps do NOT give the differentiator's ∂f/∂x");
  });

  it.each([
    'x^2*sin(x)', 'sin(x^2)/x', '(x^2 + 1)^3', 'q = x^2; f = q*sin(q)', 'exp(x)/(1 + exp(x))', 'x^x', 'sqrt(1 - x^2)',
    'max(x, x^2) + abs(x - 1)', 'log(x, 2) - leaky_relu(2*x)', '-(y*log(x) + (1 - y)*log(1 - x))', 'h = tanh(w*x + b); L = (h - x)^2',
  ])('ends at the differentiator\'s derivative for %s', (source) => {
    const program = parse(source);
    const derivatives = differentiate(program.graph, program.output);
    for (const derivation of derivationsFor(program, derivatives)) {
      expect(['identical', 'numerically equal']).toContain(derivation.agreement);
      if (derivation.agreement === 'identical') expect(derivation.result.text).toBe(printText(program.graph, derivatives.byVariable.get(derivation.variable)!));
    }
  });
});

describe('steps: rendering', () => {
  it('writes text lines as a person does', () => {
    expect(renderStepsText([derive('x^2*sin(x)').derivation])).toBe(
      [
        '∂f/∂x step by step:',
        "  product rule: d/dx (u·v) = u'·v + u·v' with u = x^2, v = sin(x)",
        "    u' = 2*x  (power rule)",
        "    v' = cos(x)  (derivative of sin)",
        '  = x^2*cos(x) + 2*x*sin(x)',
      ].join('\n'),
    );
  });

  it('writes LaTeX that KaTeX typesets', () => {
    for (const source of ['sin(x^2)/x', 'q = x + y; f = q*z', 'leaky_relu(3*x)*x_1']) {
      const program = parse(source);
      const latex = renderStepsLatex(derivationsFor(program, differentiate(program.graph, program.output)));
      const blocks = latex.match(/\\begin\{aligned\}[\s\S]*?\\end\{aligned\}/g)!;
      expect(blocks.length).toBe(program.variables.length);
      for (const block of blocks) expect(() => katex.renderToString(block, { throwOnError: true, displayMode: true })).not.toThrow();
    }
  });

  it('gives document blocks whose math lines carry both LaTeX and text', () => {
    const { derivation } = derive('sin(x^2)/x');
    const blocks = stepsBlocks([derivation]);
    expect(blocks.map((block) => block.kind)).toEqual(['paragraph', 'math']);
    const math = blocks[1]!;
    if (math.kind !== 'math') throw new Error('expected math');
    expect(math.lines.map((line) => line.text)).toEqual(derivationLines(derivation).map((line) => `${'  '.repeat(line.depth)}${line.text}`));
    expect(math.lines[0]!.tex).toMatch(/^&\\text\{quotient rule: \}\\frac\{d\}\{dx\}/);
  });

  it('writes JSON with the rule tree and the comparison', () => {
    const json = stepsJson([derive('sin(x^2)').derivation]) as Record<string, { steps: { rule: string; formula: string; parts: { symbol: string; local: string }[] }; matches_differentiator: string }>;
    expect(json.x!.steps).toMatchObject({ rule: 'function', formula: "d/dx sin(u) = cos(u)·u'", parts: [{ symbol: 'u', local: 'cos(x^2)' }] });
    expect(json.x!.matches_differentiator).toBe('identical');
  });
});
