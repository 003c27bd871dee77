/** Network specs (grammar/network.ne): read a spec into a Network, checked line by line, and print a Network back. */
import { defaultAlpha } from './activations.js';
import { InputError, type ErrorKind } from '../errors.js';
import { suggest } from '../syntax/suggest.js';
import networkGrammar from '../syntax/generated/network.js';
import { createNetworkLexer, NETWORK_KEYWORDS, NETWORK_USAGE, NETWORK_WORDS, type ActivationSyntax, type NetworkLine, type Word } from '../syntax/network.js';
import { DEFAULT_LIMITS, languageOf, run } from '../syntax/parse.js';
import type { Span } from '../syntax/tree.js';
import { ACTIVATIONS, LOSSES, type Activation, type ActivationName, type Convention, type Layer, type LossName, type Network } from './network.js';

/** Bounds for untrusted specs. */
export const NETWORK_LIMITS = { maxLength: 100_000, maxLines: 10_000, maxLayers: 1_000, maxParameters: 10_000_000 } as const;


/** The output activation each loss reads, where it needs one (the lectures' pairs, and raw scores for hinge). */
const OUTPUT_FOR: Readonly<Partial<Record<LossName, { activation: ActivationName; hint: string }>>> = {
  bce: { activation: 'sigmoid', hint: 'the lectures pair sigmoid with bce (binary cross-entropy) and softmax with cross_entropy' },
  cross_entropy: { activation: 'softmax', hint: 'the lectures pair softmax with cross_entropy and sigmoid with bce (binary cross-entropy)' },
  hinge: { activation: 'linear', hint: 'the multiclass SVM loss reads raw class scores, not probabilities: make the last layer linear' },
};

/** What the name after each keyword is, for "expected … here". */
const NAME_WORDS: Readonly<Record<string, string>> = { dense: 'an activation', loss: 'a loss', regularize: '"l2"', convention: '"standard" or "transposed"' };

const LANGUAGE = languageOf(networkGrammar, createNetworkLexer, { words: NETWORK_WORDS, implied: { input: ['name'] } });

/** Reads a network spec; any mistake is an InputError that names its line and column. */
export function parseNetwork(text: string, sourceName?: string): Network {
  const lines = checkSize(text, sourceName);
  const reader = new SpecReader(sourceName);
  lines.forEach((raw, index) => {
    if (!/^\s*(#.*)?$/.test(raw)) reader.read(parseLine(raw, index + 1, sourceName), raw, index + 1);
  });
  return reader.finish(text);
}

/** Prints a network as a spec that parseNetwork reads back to the same network. */
export function networkText(network: Network): string {
  const lines = [`input ${network.inputSize}`];
  for (const layer of network.layers) lines.push(`dense ${layer.units} ${activationText(layer.activation)}`);
  lines.push(`loss ${network.loss}`);
  if (network.l2 !== undefined) lines.push(`regularize l2 ${network.l2}`);
  if (network.convention === 'transposed') lines.push('convention transposed');
  return `${lines.join('\n')}\n`;
}

function activationText(activation: Activation): string {
  const fallback = defaultAlpha(activation.name);
  const shown = activation.alpha !== undefined && activation.alpha !== fallback;
  return shown ? `${activation.name}(${activation.alpha})` : activation.name;
}

/** One line through the grammar; a syntax error on a line with a known keyword also says how that line is written. */
function parseLine(raw: string, line: number, sourceName: string | undefined): NetworkLine {
  try {
    return run<NetworkLine>(LANGUAGE, 'line', `${raw}\n`, DEFAULT_LIMITS, sourceName, line);
  } catch (error) {
    if (!(error instanceof InputError) || !error.location) throw error;
    const keyword = /^\s*([A-Za-z_]+)/.exec(raw)?.[1];
    const usage = NETWORK_USAGE[keyword as keyof typeof NETWORK_USAGE];
    const named = error.hint?.replace('a name', NAME_WORDS[keyword ?? ''] ?? 'a name');
    const hint = [named, usage && `a ${keyword} line reads: ${usage}`].filter(Boolean).join('; ');
    throw new InputError(error.kind, error.message, { ...error.location, source: raw }, hint || undefined);
  }
}

/** Rejects a spec over the size limits, pointing at where it crosses them; returns its lines. */
function checkSize(text: string, sourceName: string | undefined): string[] {
  const { maxLength, maxLines } = NETWORK_LIMITS;
  if (text.length > maxLength) {
    const line = text.slice(0, maxLength).split('\n').length;
    const col = maxLength - text.lastIndexOf('\n', maxLength - 1);
    const from = Math.max(maxLength - col + 1, maxLength - 40); // show the 40 characters before the limit, not the whole line
    const source = text.slice(from, maxLength + 20).split('\n')[0]!;
    const span = { offset: maxLength - from, end: maxLength - from + 1, line, col };
    throw new InputError('too-large', `the spec is ${text.length} characters long; the limit is ${maxLength}`, { source, span, sourceName });
  }
  const lines = text.split(/\r?\n/);
  const count = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  if (count > maxLines) {
    const raw = lines[maxLines]!;
    const span = { offset: 0, end: Math.max(1, raw.length), line: maxLines + 1, col: 1 };
    throw new InputError('too-large', `the spec has ${count} lines; the limit is ${maxLines}`, { source: raw, span, sourceName }, 'comments and blank lines count too');
  }
  return lines;
}

/** Where a line was read, for messages that refer back to it. */
interface Seen<T> {
  readonly value: T;
  readonly line: number;
}

/** Collects lines into a network, checking each against what came before. */
class SpecReader {
  private input?: Seen<number>;
  private readonly layers: Layer[] = [];
  private loss?: Seen<LossName>;
  private l2?: Seen<number>;
  private convention?: Seen<Convention>;
  private parameters = 0;
  private last?: { raw: string; line: number };
  private raw = '';

  constructor(private readonly sourceName: string | undefined) {}

  read(syntax: NetworkLine, raw: string, line: number): void {
    this.raw = raw;
    this.last = { raw, line };
    switch (syntax.kind) {
      case 'input':
        if (this.input) throw this.fail('syntax', `a second input line; the first is line ${this.input.line}`, syntax.keyword, 'a spec has one "input N" line');
        this.input = { value: this.whole(syntax.size, 'the input size'), line };
        return;
      case 'dense':
        return this.dense(syntax, line);
      case 'loss':
        return this.lossLine(syntax.keyword, syntax.name, line);
      case 'regularize': {
        if (syntax.method.text !== 'l2') throw this.unknown('regularization', syntax.method, ['l2'], 'chainrule knows l2: regularize l2 0.01');
        if (this.l2) throw this.fail('syntax', `a second regularize line; the first is line ${this.l2.line}`, syntax.keyword);
        const lambda = this.number(syntax.lambda, 'λ');
        if (lambda < 0) throw this.fail('domain', `λ must be 0 or more, not ${syntax.lambda.text}`, syntax.lambda.span, 'regularize l2 λ adds λ·ΣW² over every weight matrix to the loss');
        this.l2 = { value: lambda, line };
        return;
      }
      case 'convention': {
        const name = syntax.name.text;
        if (name !== 'standard' && name !== 'transposed') throw this.unknown('convention', syntax.name, ['standard', 'transposed'], 'the conventions are standard (z = W a + b) and transposed (z = Wᵀa + b)');
        if (this.convention) throw this.fail('syntax', `a second convention line; the first is line ${this.convention.line}`, syntax.keyword);
        this.convention = { value: name, line };
        return;
      }
      case 'unknown':
        throw this.unknown('keyword', { text: syntax.word, span: syntax.keyword }, NETWORK_KEYWORDS, `a line starts with ${NETWORK_KEYWORDS.join(', ')}`);
    }
  }

  private dense(syntax: Extract<NetworkLine, { kind: 'dense' }>, line: number): void {
    const { keyword } = syntax;
    if (!this.input) throw this.fail('syntax', 'this layer comes before the input line', keyword, 'a spec starts with "input N", N being the number of input features');
    if (this.loss) throw this.fail('syntax', `this layer comes after the loss line (line ${this.loss.line})`, keyword, 'the loss line comes after the last layer');
    const index = this.layers.length + 1;
    const { maxLayers, maxParameters } = NETWORK_LIMITS;
    if (index > maxLayers) throw this.fail('too-large', `layer ${index} is one too many: the limit is ${maxLayers} layers`, keyword);
    const units = this.whole(syntax.units, 'the number of units');
    const activation = this.activation(syntax.activation);
    const inputs = this.layers[index - 2]?.units ?? this.input.value;
    this.parameters += units * inputs + units;
    if (this.parameters > maxParameters) {
      throw this.fail('too-large', `layer ${index} brings the network to ${this.parameters} parameters; the limit is ${maxParameters}`, syntax.units.span);
    }
    this.layers.push({ index, units, inputs, activation, line });
  }

  private activation(syntax: ActivationSyntax): Activation {
    const name = syntax.name.text;
    if (!(ACTIVATIONS as readonly string[]).includes(name)) throw this.unknown('activation', syntax.name, ACTIVATIONS, `the activations are: ${ACTIVATIONS.join(', ')}`);
    const known = name as ActivationName;
    const fallback = defaultAlpha(known);
    if (syntax.parameter && fallback === undefined) {
      throw this.fail('syntax', `${name} takes no parameter`, syntax.parameterSpan!, `only leaky_relu(a) and elu(a) take one; write ${name}`);
    }
    if (fallback === undefined) return { name: known };
    return { name: known, alpha: syntax.parameter ? this.number(syntax.parameter, `the parameter of ${name}`) : fallback };
  }

  private lossLine(keyword: Span, word: Word, line: number): void {
    if (!this.input) throw this.fail('syntax', 'the loss line comes before the input line', keyword, 'a spec starts with "input N", N being the number of input features');
    if (this.loss) throw this.fail('syntax', `a second loss line; the first is line ${this.loss.line}`, keyword, 'a network has one loss');
    const output = this.layers[this.layers.length - 1];
    if (!output) throw this.fail('syntax', 'the network has no dense layer before the loss', keyword, 'add at least one, such as: dense 1 sigmoid');
    if (!(LOSSES as readonly string[]).includes(word.text)) throw this.unknown('loss', word, LOSSES, `the losses are: ${LOSSES.join(', ')}`);
    const loss = word.text as LossName;
    const needed = OUTPUT_FOR[loss];
    if (needed && output.activation.name !== needed.activation) {
      const message = `${loss} needs a ${needed.activation} output layer, but layer ${output.index} (line ${output.line}) is ${output.activation.name}`;
      throw this.fail('domain', message, word.span, needed.hint);
    }
    this.loss = { value: loss, line };
  }

  finish(text: string): Network {
    const last = this.last;
    if (!last) {
      const span = { offset: 0, end: 1, line: 1, col: 1 };
      throw new InputError('syntax', 'the network spec is empty', { source: text, span, sourceName: this.sourceName }, 'start with "input N", then dense layers and a loss, such as: input 2, dense 1 sigmoid, loss bce (one per line)');
    }
    this.raw = last.raw;
    const end = { offset: last.raw.length, end: last.raw.length + 1, line: last.line, col: last.raw.length + 1 };
    if (!this.input) throw this.fail('syntax', 'the spec has no input line', end, 'start it with "input N", N being the number of input features');
    if (!this.loss) {
      if (this.layers.length === 0) throw this.fail('syntax', 'the network has no dense layer', end, 'add at least one after the input line, such as: dense 1 sigmoid');
      throw this.fail('syntax', 'the spec has no loss line', end, `end it with one of: ${LOSSES.map((loss) => `loss ${loss}`).join(', ')}`);
    }
    const network: Network = { inputSize: this.input.value, layers: this.layers, loss: this.loss.value, convention: this.convention?.value ?? 'standard' };
    return this.l2 ? { ...network, l2: this.l2.value } : network;
  }

  /** A whole number above 0 (units, input size). */
  private whole(word: Word, what: string): number {
    const value = Number(word.text);
    if (!Number.isSafeInteger(value) || value < 1) throw this.fail('domain', `${what} must be a whole number above 0, not ${word.text}`, word.span);
    return value;
  }

  /** A finite number, with -0 read as 0. */
  private number(word: Word, what: string): number {
    const value = Number(word.text);
    if (!Number.isFinite(value)) throw this.fail('domain', `${what} must be a finite number, not ${word.text}`, word.span);
    return value === 0 ? 0 : value;
  }

  private unknown(what: string, word: Word, known: readonly string[], otherwise: string): InputError {
    const near = suggest(word.text, known);
    return this.fail(what === 'keyword' ? 'syntax' : 'unknown-name', `unknown ${what} "${word.text}"`, word.span, near ? `did you mean ${near}?` : otherwise);
  }

  private fail(kind: ErrorKind, message: string, span: Span, hint?: string): InputError {
    return new InputError(kind, message, { source: this.raw, span, sourceName: this.sourceName }, hint);
  }
}
