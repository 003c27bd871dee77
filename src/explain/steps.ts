/**
 * Step-by-step symbolic derivations, as a person writes them: top-down from the output, one rule per step (sum,
 * constant multiple, product, quotient, power, exponential, a function's own derivative, chain with "let u = …").
 * Every step reads the rule applications the differentiator recorded (its RuleSteps' locals); nothing is
 * differentiated again. The locals are only combined, d(node) = Σ local_i · d(input_i), with the differentiator's
 * own algebra, and the result is compared with the differentiator's.
 */
import { sameDerivative, type Agreement } from '../check/agreement.js';
import type { Program } from '../graph/program.js';
import type { Graph, NodeId } from '../graph/graph.js';
import { tangentsOf, type Derivatives, type RuleStep } from '../symbolic/differentiate.js';
import { writtenSizeExceeds } from '../symbolic/share.js';
import { printLatex, printText, texName } from '../symbolic/print.js';
import { outputLabel } from './format.js';

/** The rule a step applies (`function` is a function's own derivative; `repeated` points back to an earlier step). */
export type RuleName =
  | 'sum' | 'difference' | 'constant multiple' | 'product' | 'quotient' | 'power' | 'exponential' | 'general power'
  | 'function' | 'variable' | 'constant' | 'repeated' | 'elided';

/** A formula in text and LaTeX. */
export interface Formula {
  readonly text: string;
  readonly latex: string;
}

/** An expression of the graph with its text and LaTeX (`…` when too long to write in a step). */
export interface Printed {
  readonly node: NodeId;
  readonly text: string;
  readonly latex: string;
  readonly abbreviated?: boolean;
}

/** How a part is called: a fresh letter (`let u = …`), a binding's name, or the variable itself. */
export type Naming = 'let' | 'binding' | 'variable';

/** One part of an expression that a rule differentiates (u, v in d(u·v) = u'·v + u·v'). */
export interface StepPart {
  readonly symbol: string;
  readonly naming: Naming;
  readonly expression: Printed;
  /** ∂(step's expression)/∂part: the recorded local (their product through a flattened sum or product). */
  readonly local: Printed;
  /** The recorded chain-rule applications the local is made of. */
  readonly applications: readonly RuleStep[];
  readonly derivative: DerivationStep;
}

/** One rule application in a derivation. */
export interface DerivationStep {
  readonly rule: RuleName;
  /** The rule as a person says it: `product rule`, `chain rule (derivative of sin)`. */
  readonly title: string;
  /** Whether the chain rule was applied (the argument is not the variable itself). */
  readonly chain: boolean;
  /** The function, for `function` steps. */
  readonly function?: string;
  /** The expression being differentiated. */
  readonly expression: Printed;
  /** The rule written with the parts' symbols; for functions and powers, from the recorded local. */
  readonly formula?: Formula;
  /** Constants the formula names (c in d(c·u) = c·u'). */
  readonly constants: readonly { readonly symbol: string; readonly value: Printed }[];
  readonly parts: readonly StepPart[];
  /** The derivative, simplified, in the program's binding names. */
  readonly result: Printed;
}

/** How the derivation's result compares with the differentiator's. */
export type { Agreement };

/** A whole derivation of ∂output/∂variable. */
export interface Derivation {
  readonly variable: string;
  readonly output: string;
  /** d/dx, or ∂/∂x when the output depends on several variables. */
  readonly operator: Formula;
  readonly root: DerivationStep;
  /** The derivation's result written in full (no binding names). */
  readonly result: Printed;
  /** ∂output/∂variable as the differentiator gave it. */
  readonly expected: NodeId;
  readonly agreement: Agreement;
  /** Points the results were compared at, when they are not the same node. */
  readonly comparedAt: number;
  /** Steps written out, and steps left out because of `maxSteps`. */
  readonly shown: number;
  readonly elided: number;
  readonly maxSteps: number;
  readonly maxDepth: number;
}

/** Options for derivations. */
export interface StepsOptions {
  /** Steps written out before the rest are elided (default 40; steps nested deeper than 8 are elided too). */
  readonly maxSteps?: number;
}

/** Default number of steps written out per derivation. */
export const MAX_STEPS = 40;
/** Steps nested deeper than this are elided (their results are still given). */
const MAX_DEPTH = 8;
/** Expressions larger than this (nodes written out) are shown as … in a step. */
const PRINT_LIMIT = 60;
const PART_SYMBOLS = ['u', 'v', 'w', 's', 't', 'p', 'r', 'g', 'h', 'k'];
const CONSTANT_SYMBOLS = ['c', 'a', 'b'];
const SUM_FAMILY = new Set(['add', 'sub', 'neg']);
const PRODUCT_FAMILY = new Set(['mul']);

/** One derivation per variable the derivatives were taken by. */
export function derivationsFor(program: Program, derivatives: Derivatives, options: StepsOptions = {}): Derivation[] {
  return [...derivatives.byVariable.keys()].map((variable) => derivationSteps(program, derivatives, variable, options));
}

/** The derivation of ∂output/∂variable rule by rule, read from the differentiator's recorded rule applications. */
export function derivationSteps(program: Program, derivatives: Derivatives, variable: string, options: StepsOptions = {}): Derivation {
  const maxSteps = options.maxSteps ?? MAX_STEPS;
  const builder = new DerivationBuilder(program, derivatives, variable, maxSteps);
  const root = builder.step(program.output);
  const assembled = builder.derivativeOf(program.output);
  const expected = derivatives.byVariable.get(variable) ?? derivatives.algebra.num(0);
  const { agreement, points } = sameDerivative(program, assembled, expected);
  return {
    variable,
    output: outputLabel(program),
    operator: builder.operator,
    root,
    result: builder.plain(assembled),
    expected,
    agreement,
    comparedAt: points,
    shown: builder.shown,
    elided: builder.unexplained(),
    maxSteps,
    maxDepth: MAX_DEPTH,
  };
}

/** A part of an expression met while flattening a sum or product: the node, the recorded edges to it, its sign. */
interface Operand {
  readonly node: NodeId;
  readonly path: readonly RuleStep[];
  readonly negative: boolean;
}

class DerivationBuilder {
  shown = 0;
  readonly operator: Formula;
  private readonly graph: Graph;
  private readonly records = new Map<string, RuleStep>();
  private readonly dependent: ReadonlySet<NodeId>;
  private readonly results: ReadonlyMap<NodeId, NodeId>;
  private readonly sourceNames = new Map<NodeId, string>();
  private readonly simplifiedNames = new Map<NodeId, string>();
  /** d(binding)/dx → q', for the bindings whose derivative is worth a name in later results. */
  private readonly derivativeNames = new Map<NodeId, { name: string; binding: NodeId }>();
  private readonly taken: Set<string>;
  private readonly explained = new Set<NodeId>();
  /** Nodes whose step is complete (their derivative has been written). */
  private readonly derived = new Set<NodeId>();
  /** Inner nodes of flattened sums and products, derived as part of the step that flattened them. */
  private readonly flattened = new Set<NodeId>();
  private symbolCount = 0;
  /** How deep the step being built is nested. */
  private depth = 0;

  constructor(
    program: Program,
    private readonly derivatives: Derivatives,
    variable: string,
    private readonly maxSteps: number,
  ) {
    this.graph = program.graph;
    const { algebra } = derivatives;
    for (const record of derivatives.steps) this.records.set(`${record.node}:${record.input}`, record);
    this.taken = new Set([...program.variables, ...program.bindings.map((binding) => binding.name), outputLabel(program)]);
    // a name bound again later (c = a + b; c = c*2) names its last node; the earlier ones are c_1, c_2, … (as in trace)
    const last = new Map(program.bindings.map((binding) => [binding.name, binding.node]));
    for (const { name: bound, node } of program.bindings) {
      const op = this.graph.node(node).op;
      if (op === 'var' || op === 'const' || this.sourceNames.has(node)) continue;
      const name = last.get(bound) === node ? bound : this.fresh(bound);
      this.sourceNames.set(node, name);
      const simplified = algebra.simplify(node);
      // a binding that simplifies to a constant (q = x/x) does not name it: every 1 would read as q
      const constant = !this.graph.ancestors([simplified]).some((id) => this.graph.node(id).op === 'var');
      if (node !== program.output && !constant && !this.simplifiedNames.has(simplified)) this.simplifiedNames.set(simplified, name);
    }
    const several = this.graph.ancestors([program.output]).filter((id) => this.graph.node(id).op === 'var').length > 1;
    this.operator = {
      text: several ? `∂/∂${variable}` : `d/d${variable}`,
      latex: several ? `\\frac{\\partial}{\\partial ${texName(variable)}}` : `\\frac{d}{d${texName(variable)}}`,
    };
    this.results = tangentsOf(derivatives, variable);
    this.dependent = new Set(this.results.keys());
    for (const [binding, name] of this.sourceNames) {
      const derivative = this.results.get(binding);
      if (derivative !== undefined && !this.derivativeNames.has(derivative) && writtenSizeExceeds(this.graph, derivative, new Map(), 3)) this.derivativeNames.set(derivative, { name: `${name}'`, binding });
    }
  }

  /** d(node)/dx as assembled (0 where the node does not depend on x). */
  derivativeOf(id: NodeId): NodeId {
    return this.results.get(id) ?? this.derivatives.algebra.num(0);
  }

  /** Nodes whose derivation was left out (elided). */
  unexplained(): number {
    let count = 0;
    for (const id of this.dependent) if (this.graph.node(id).op !== 'var' && !this.explained.has(id) && !this.flattened.has(id)) count++;
    return count;
  }

  private record(node: NodeId, input: number): RuleStep {
    const found = this.records.get(`${node}:${input}`);
    if (!found) throw new Error(`internal error: the differentiator recorded no rule for input ${input} of node ${node}`);
    return found;
  }

  /** The derivation of one node by the variable. */
  step(id: NodeId): DerivationStep {
    const built = this.build(id);
    this.derived.add(id);
    return built;
  }

  private build(id: NodeId): DerivationStep {
    const node = this.graph.node(id);
    const own = this.derivatives.algebra.simplify(id);
    const leaf = (rule: RuleName, title: string): DerivationStep => ({
      rule, title, chain: false, expression: this.source(id), constants: [], parts: [], result: this.resultOf(id, own),
    });
    if (!this.dependent.has(id)) return leaf('constant', 'constant');
    if (node.op === 'var') return leaf('variable', 'the variable itself');
    if (this.explained.has(id)) return leaf('repeated', 'as above');
    if (this.shown >= this.maxSteps || this.depth > MAX_DEPTH) return leaf('elided', 'steps not shown');
    this.explained.add(id);
    this.shown++;
    if (node.op === 'add' || node.op === 'sub') return this.sum(id, own);
    if (node.op === 'neg') return this.rule(id, own, 'constant multiple', this.operands(id, new Set()), [], 'negation');
    if (node.op === 'mul') return this.product(id, own);
    if (node.op === 'div') return this.quotient(id, own);
    return this.outer(id, own);
  }

  private sum(id: NodeId, own: NodeId): DerivationStep {
    const operands = this.operands(id, SUM_FAMILY);
    const { algebra } = this.derivatives;
    const constantTerms = operands.filter((operand) => !this.dependent.has(operand.node));
    const constant = algebra.add(...constantTerms.map(({ node, negative }) => (negative ? algebra.neg(algebra.simplify(node)) : algebra.simplify(node))));
    const subtracted = isNegative(this.graph, constant); // x - t: write u - c with c = t, not u + c with c = -t
    const constants = constantTerms.length > 0 && algebra.valueOf(constant)?.n !== 0n ? [subtracted ? algebra.neg(constant) : constant] : [];
    const rule = operands.some((operand) => operand.negative) ? 'difference' : 'sum';
    return this.rule(id, own, rule, operands, constants, 'sum', subtracted);
  }

  private product(id: NodeId, own: NodeId): DerivationStep {
    const operands = this.operands(id, PRODUCT_FAMILY);
    const varying = operands.filter((operand) => this.dependent.has(operand.node));
    if (varying.length === 1) return this.rule(id, own, 'constant multiple', operands, [this.local(varying[0]!)], 'scale'); // c = the recorded local
    const { algebra } = this.derivatives;
    const constantFactors = operands.filter((operand) => !this.dependent.has(operand.node)).map((operand) => algebra.simplify(operand.node));
    return this.rule(id, own, 'product', operands, constantFactors.length > 0 ? [algebra.mul(...constantFactors)] : [], 'product');
  }

  private quotient(id: NodeId, own: NodeId): DerivationStep {
    const operands = this.operands(id, new Set());
    const [numerator, denominator] = operands as [Operand, Operand];
    const simplified = (operand: Operand) => this.derivatives.algebra.simplify(operand.node);
    if (!this.dependent.has(denominator.node)) return this.rule(id, own, 'constant multiple', operands, [simplified(denominator)], 'divide');
    const constants = this.dependent.has(numerator.node) ? [] : [simplified(numerator)];
    return this.rule(id, own, 'quotient', operands, constants, 'quotient');
  }

  /** A rule of the sum, product and quotient kind: a textbook formula over the parts' symbols. */
  private rule(id: NodeId, own: NodeId, rule: RuleName, operands: readonly Operand[], constantNodes: readonly NodeId[], template: Template, subtracted = false): DerivationStep {
    const varying = operands.filter((operand) => this.dependent.has(operand.node));
    const named = varying.map((operand) => ({ operand, ...this.name(operand.node, false) }));
    const constantSymbol = CONSTANT_SYMBOLS.find((symbol) => !this.taken.has(symbol)) ?? this.freshConstant();
    const constants = constantNodes.map((node) => ({ symbol: constantSymbol, value: this.simplified(node, undefined, true) }));
    const signed = named.map(({ symbol, operand }) => ({ symbol, negative: operand.negative }));
    const constantAt = operands.findIndex((operand) => !this.dependent.has(operand.node)); // where the constant is written
    const before = constantAt < 0 ? undefined : operands.slice(0, constantAt).filter((operand) => this.dependent.has(operand.node)).length;
    const formula = textbookFormula(template, this.operator, signed, constants[0] && { symbol: constants[0].symbol, negative: subtracted }, before);
    const parts = named.map(({ operand, symbol, naming }) => this.part(operand, symbol, naming));
    const titles: Partial<Record<RuleName, string>> = { sum: 'sum rule', difference: 'difference rule', 'constant multiple': 'constant multiple rule', product: 'product rule', quotient: 'quotient rule' };
    return { rule, title: titles[rule]!, chain: false, expression: this.source(id), formula, constants, parts, result: this.resultOf(id, own) };
  }

  /** Powers and functions: the recorded local is the outer derivative; the chain rule when an argument is not x itself. */
  private outer(id: NodeId, own: NodeId): DerivationStep {
    const node = this.graph.node(id);
    const { algebra } = this.derivatives;
    const varying = node.inputs.flatMap((input, i) => (this.dependent.has(input) ? [{ node: input, path: [this.record(id, i)], negative: false, i }] : []));
    const named = varying.map((operand) => ({ operand, ...this.name(operand.node, true) }));
    const chain = named.some(({ naming }) => naming !== 'variable');
    const rule: RuleName = node.op !== 'pow' ? 'function' : varying.some(({ i }) => i === 1) ? (varying.length === 2 ? 'general power' : 'exponential') : 'power';
    const base = rule === 'function' ? `derivative of ${node.op}` : `${rule} rule`;
    const sourceSymbols = new Map(named.map(({ operand, symbol }) => [operand.node, symbol]));
    const localSymbols = new Map(named.map(({ operand, symbol }) => [algebra.simplify(operand.node), symbol]));
    const left = this.source(id, sourceSymbols);
    const terms = named.map(({ operand, symbol, naming }) => {
      const local = operand.path[0]!.local;
      return { local: this.simplified(local, own, true, localSymbols), isSum: this.graph.node(local).op === 'add', symbol: naming === 'variable' ? undefined : symbol };
    });
    const formula = outerFormula(this.operator, left, terms);
    return {
      rule,
      title: chain ? `chain rule (${base})` : base,
      chain,
      function: rule === 'function' ? node.op : undefined,
      expression: this.source(id),
      formula,
      constants: [],
      parts: named.map(({ operand, symbol, naming }) => this.part(operand, symbol, naming)),
      result: this.resultOf(id, own),
    };
  }

  private part(operand: Operand, symbol: string, naming: Naming): StepPart {
    this.depth++;
    const derivative = this.step(operand.node);
    this.depth--;
    return { symbol, naming, expression: this.source(operand.node), local: this.simplified(this.local(operand), undefined, true), applications: operand.path, derivative };
  }

  /** c_0, c_1, …: the first not taken by a variable or a binding (c, a and b are). */
  private freshConstant(): string {
    let k = 0;
    while (this.taken.has(`c_${k}`)) k++;
    return `c_${k}`;
  }

  /** name_1, name_2, …: the first not taken, now taken. */
  private fresh(base: string): string {
    let k = 1;
    while (this.taken.has(`${base}_${k}`) || this.taken.has(`${base}${k}`)) k++; // c_1 and c1 are both c_{1} in LaTeX
    this.taken.add(`${base}_${k}`);
    return `${base}_${k}`;
  }

  /** The product of the recorded locals along an operand's path. */
  private local(operand: Operand): NodeId {
    return operand.path.length === 1 ? operand.path[0]!.local : this.derivatives.algebra.mul(...operand.path.map((record) => record.local));
  }

  /** The operands of a node, flattened through inner nodes of the same family that are not bindings. */
  private operands(id: NodeId, family: ReadonlySet<string>, path: readonly RuleStep[] = [], negative = false, found: Operand[] = []): Operand[] {
    const node = this.graph.node(id);
    node.inputs.forEach((input, i) => {
      const sign = negative !== ((node.op === 'sub' && i === 1) || node.op === 'neg');
      const varying = this.dependent.has(input);
      const through = varying ? [...path, this.record(id, i)] : [];
      if (varying && family.has(this.graph.node(input).op) && !this.sourceNames.has(input)) {
        this.flattened.add(input);
        this.operands(input, family, through, sign, found);
      } else found.push({ node: input, path: through, negative: sign });
    });
    return found;
  }

  /** A part's symbol: its binding's name, the variable itself (for a function's argument), or a fresh letter. */
  private name(node: NodeId, argument: boolean): { symbol: string; naming: Naming } {
    const binding = this.sourceNames.get(node);
    if (binding !== undefined) return { symbol: binding, naming: 'binding' };
    const graphNode = this.graph.node(node);
    if (argument && graphNode.op === 'var') return { symbol: graphNode.name!, naming: 'variable' };
    let symbol: string;
    do {
      const k = this.symbolCount++;
      symbol = k < PART_SYMBOLS.length ? PART_SYMBOLS[k]! : `${PART_SYMBOLS[k % PART_SYMBOLS.length]}_${Math.floor(k / PART_SYMBOLS.length)}`;
    } while (this.taken.has(symbol));
    return { symbol, naming: 'let' };
  }

  /** A node of the source graph as written, with binding names (and symbols) for its parts. */
  private source(id: NodeId, symbols?: ReadonlyMap<NodeId, string>): Printed {
    const names = symbols ? new Map([...this.sourceNames, ...symbols]) : this.sourceNames;
    return this.print(id, names, 'faithful');
  }

  /** A simplified node (a local, a constant) in binding names, not `own`'s, and symbols; `whole`: the node itself may be a name. */
  private simplified(id: NodeId, own?: NodeId, whole = false, symbols?: ReadonlyMap<NodeId, string>): Printed {
    const names = new Map([...this.simplifiedNames, ...(symbols ?? [])]);
    if (own !== undefined && !symbols?.has(own)) names.delete(own);
    const name = whole ? names.get(id) : undefined;
    if (name !== undefined) return { node: id, text: name, latex: nameTex(name) };
    return this.print(id, names, 'display');
  }

  /** A step's result: in binding names, and with the derivatives of other bindings as q'. */
  private resultOf(id: NodeId, own: NodeId): Printed {
    const result = this.derivativeOf(id);
    const names = new Map<NodeId, string>();
    for (const [node, { name, binding }] of this.derivativeNames) if (this.derived.has(binding)) names.set(node, name); // only q' already written
    for (const [node, name] of this.simplifiedNames) if (node !== own) names.set(node, name);
    const whole = names.get(result);
    if (whole !== undefined) return { node: result, text: whole, latex: nameTex(whole) };
    return this.print(result, names, 'display');
  }

  /** A derivative node written in full, as diff writes it. */
  plain(id: NodeId): Printed {
    return this.print(id, new Map(), 'display');
  }

  private print(id: NodeId, names: ReadonlyMap<NodeId, string>, mode: 'display' | 'faithful'): Printed {
    if (writtenSizeExceeds(this.graph, id, names, PRINT_LIMIT)) return { node: id, text: '…', latex: '\\ldots', abbreviated: true };
    const latex = printLatex(this.graph, id, { mode, names }).replace(/\\mathrm\{([A-Za-z0-9_]+)'\}/g, (_, name: string) => nameTex(`${name}'`));
    return { node: id, text: printText(this.graph, id, { mode, names }), latex };
  }
}

/** Whether a simplified node is written with a leading minus (−3, −t, −2·x). */
function isNegative(graph: Graph, id: NodeId): boolean {
  const node = graph.node(id);
  const coefficient = node.op === 'const' ? node : node.op === 'mul' ? graph.node(node.inputs[0]!) : undefined;
  return coefficient?.op === 'const' && coefficient.value!.s < 0n && coefficient.value!.n !== 0n;
}

/** A name's LaTeX, a prime kept outside (u1' is u_{1}'). */
function nameTex(name: string): string {
  return name.endsWith("'") ? `${texName(name.slice(0, -1))}'` : texName(name);
}


/** The textbook rules whose formula is fixed: written over the parts' symbols (u, v, …) and a constant's (c). */
type Template = 'sum' | 'negation' | 'scale' | 'divide' | 'product' | 'quotient';

/** A part's symbol with its sign in a sum. */
interface SignedSymbol {
  readonly symbol: string;
  readonly negative: boolean;
}

/** What a template is written with: the parts' symbols (with their signs in a sum) and the constant's, in text and LaTeX. */
interface TemplateSymbols {
  readonly parts: readonly SignedSymbol[];
  readonly names: readonly string[];
  readonly tex: readonly string[];
  readonly u: string;
  readonly v?: string;
  readonly uTex: string;
  readonly vTex?: string;
  /** The constant's symbol, when the rule has one (c in d(c·u) = c·u'). */
  readonly constant?: SignedSymbol;
  readonly c: string;
  readonly cTex: string;
  /** In a sum: how many parts come before the constant as written (y − w x keeps c first), else it is last. */
  readonly constantAt?: number;
}

/** Each textbook rule's formula, one record per rule: d/dx of the parts written with their symbols, in text and LaTeX. */
const TEMPLATES: Readonly<Record<Template, (s: TemplateSymbols) => readonly [text: string, latex: string]>> = {
  sum: ({ parts, names, tex, constant, c, cTex, constantAt }) => {
    // the terms in the order written (y − w x is c − v, not −v + c); the derivative drops the constant
    const written = (items: readonly string[], constantSymbol?: string) => {
      const terms = items.map((item, i) => ({ item, negative: parts[i]!.negative }));
      if (constant && constantSymbol !== undefined) terms.splice(Math.min(constantAt ?? terms.length, terms.length), 0, { item: constantSymbol, negative: constant.negative });
      return terms.map(({ item, negative }, i) => `${negative ? (i === 0 ? '-' : ' - ') : i === 0 ? '' : ' + '}${item}`).join('');
    };
    return [`(${written(names, c)}) = ${written(names.map(prime))}`, `\\left(${written(tex, cTex)}\\right) = ${written(tex.map(prime))}`];
  },
  negation: ({ u, uTex }) => [`(-${u}) = -${u}'`, `\\left(-${uTex}\\right) = -${uTex}'`],
  scale: ({ u, uTex, c, cTex }) => [`(${c}·${u}) = ${c}·${u}'`, `\\left(${cTex} \\cdot ${uTex}\\right) = ${cTex} \\cdot ${uTex}'`],
  divide: ({ u, uTex, c, cTex }) => [`(${u}/${c}) = ${u}'/${c}`, `\\frac{${uTex}}{${cTex}} = \\frac{${uTex}'}{${cTex}}`],
  product: ({ names, tex, constant, c, cTex }) => {
    const terms = (items: readonly string[], times: string) => items.map((_, i) => items.map((item, j) => (i === j ? prime(item) : item)).join(times)).join(' + ');
    const [text, latex] = [terms(names, '·'), terms(tex, ' \\cdot ')];
    if (!constant) return [`(${names.join('·')}) = ${text}`, `\\left(${tex.join(' \\cdot ')}\\right) = ${latex}`];
    return [`(${[c, ...names].join('·')}) = ${c}·(${text})`, `\\left(${[cTex, ...tex].join(' \\cdot ')}\\right) = ${cTex} \\left(${latex}\\right)`];
  },
  quotient: ({ u, v, uTex, vTex, constant, c, cTex }) =>
    constant
      ? [`(${c}/${u}) = -${c}·${u}'/${u}^2`, `\\frac{${cTex}}{${uTex}} = -\\frac{${cTex} \\cdot ${uTex}'}{${uTex}^{2}}`]
      : [`(${u}/${v}) = (${u}'·${v} - ${u}·${v}')/${v}^2`, `\\frac{${uTex}}{${vTex}} = \\frac{${uTex}' \\cdot ${vTex} - ${uTex} \\cdot ${vTex}'}{${vTex}^{2}}`],
};

/** d/dx (u·v) = u'·v + u·v' and its kin, in text and LaTeX; `d` is the operator (d/dx or ∂/∂x). */
function textbookFormula(template: Template, d: Formula, parts: readonly SignedSymbol[], constant?: SignedSymbol, constantAt?: number): Formula {
  const names = parts.map((part) => part.symbol);
  const tex = names.map(texName);
  const c = constant?.symbol ?? 'c';
  const [text, latex] = TEMPLATES[template]({ parts, names, tex, u: names[0]!, v: names[1], uTex: tex[0]!, vTex: tex[1], constant, c, cTex: texName(c), ...(constantAt !== undefined ? { constantAt } : {}) });
  return { text: `${d.text} ${text}`, latex: `${d.latex}${latex}` };
}

/** d/dx f(u) = f'(u)·u' with the recorded local as f'(u); an argument that is x itself has no u' factor. */
function outerFormula(d: Formula, left: Printed, terms: readonly { local: Printed; isSum: boolean; symbol?: string }[]): Formula {
  const pieces = terms.map(({ local, isSum, symbol }) => {
    if (symbol === undefined) return { text: local.text, latex: local.latex };
    const symbolTex = texName(symbol);
    if (local.text === '1') return { text: `${symbol}'`, latex: `${symbolTex}'` };
    const text = isSum || /\//.test(topLevel(local.text)) ? `(${local.text})` : local.text; // (1/u)·u', not 1/u·u'
    const latex = isSum ? `\\left(${local.latex}\\right)` : local.latex;
    return { text: `${text}·${symbol}'`, latex: `${latex} \\cdot ${symbolTex}'` };
  });
  const join = (items: readonly string[]) => items.join(' + ').replace(/ \+ -/g, ' - ');
  return {
    text: `${d.text} ${left.text} = ${join(pieces.map((piece) => piece.text))}`,
    latex: `${d.latex} ${left.latex} = ${join(pieces.map((piece) => piece.latex))}`,
  };
}

/** The text outside parentheses. */
function topLevel(written: string): string {
  let depth = 0;
  let outside = '';
  for (const char of written) {
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0) outside += char;
  }
  return outside;
}

function prime(symbol: string): string {
  return `${symbol}'`;
}
