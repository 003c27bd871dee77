import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.js';
import { ACTIVATIONS, LOSSES, parameterNames, weightShape, type Activation, type ActivationName, type Layer, type LossName, type Network } from '../../src/nn/network.js';
import { networkText, parseNetwork } from '../../src/nn/spec.js';
import { defaultAlpha } from '../../src/nn/activations.js';
import { inputErrorOf } from '../helpers.js';

const EXAMPLE = `# two hidden layers, seed 002's notation: z = W a + b
input 3
dense 4 relu
dense 4 tanh
dense 3 softmax
loss cross_entropy
`;

/** A spec with one hidden layer of the given activation text and the given loss after an output layer. */
const spec = (activation: string, loss = 'mse') => `input 2\ndense 3 ${activation}\nloss ${loss}\n`;

describe('network specs: the issue example', () => {
  const network = parseNetwork(EXAMPLE);

  it('reads the input size, the layers in order and the loss', () => {
    expect(network).toEqual({
      inputSize: 3,
      layers: [
        { index: 1, units: 4, inputs: 3, activation: { name: 'relu' }, line: 3 },
        { index: 2, units: 4, inputs: 4, activation: { name: 'tanh' }, line: 4 },
        { index: 3, units: 3, inputs: 4, activation: { name: 'softmax' }, line: 5 },
      ],
      loss: 'cross_entropy',
      convention: 'standard',
    });
  });

  it('gives W1 the shape (4 × 3) in the standard convention, and names W1, b1, … in order', () => {
    expect(network.layers.map((layer) => weightShape(network, layer))).toEqual([[4, 3], [4, 4], [3, 4]]);
    expect(parameterNames(network)).toEqual(['W1', 'b1', 'W2', 'b2', 'W3', 'b3']);
  });

  it('leaves out l2 when the spec does not regularize', () => {
    expect('l2' in network).toBe(false);
  });
});

describe('network specs: activations', () => {
  it.each(ACTIVATIONS.filter((name) => defaultAlpha(name) === undefined))('reads %s, which takes no parameter', (name) => {
    expect(parseNetwork(spec(name)).layers[0]!.activation).toEqual({ name });
  });

  it.each([
    ['leaky_relu', { name: 'leaky_relu', alpha: 0.01 }],
    ['leaky_relu(0.1)', { name: 'leaky_relu', alpha: 0.1 }],
    ['leaky_relu( 0.2 )', { name: 'leaky_relu', alpha: 0.2 }],
    ['elu', { name: 'elu', alpha: 1 }],
    ['elu(1.5)', { name: 'elu', alpha: 1.5 }],
    ['elu(.5)', { name: 'elu', alpha: 0.5 }],
    ['leaky_relu(-0)', { name: 'leaky_relu', alpha: 0 }],
    ['elu(2e-3)', { name: 'elu', alpha: 0.002 }],
  ])('reads %s with its parameter as alpha (defaults 0.01 and 1)', (text, activation) => {
    expect(parseNetwork(spec(text)).layers[0]!.activation).toEqual(activation);
  });

  it('allows every activation on a hidden layer', () => {
    const hidden = ACTIVATIONS.map((name) => `dense 2 ${name}`).join('\n');
    const network = parseNetwork(`input 2\n${hidden}\nloss mse`);
    expect(network.layers.map((layer) => layer.activation.name)).toEqual([...ACTIVATIONS]);
  });
});

describe('network specs: losses', () => {
  it.each<[LossName, ActivationName]>([
    ['mse', 'linear'],
    ['mse', 'relu'],
    ['mae', 'tanh'],
    ['mae', 'softmax'],
    ['bce', 'sigmoid'],
    ['cross_entropy', 'softmax'],
    ['hinge', 'linear'],
  ])('reads loss %s after a %s output layer', (loss, output) => {
    expect(parseNetwork(spec(output, loss)).loss).toBe(loss);
  });

  it('knows every loss of the model', () => {
    expect([...LOSSES]).toEqual(['mse', 'mae', 'bce', 'cross_entropy', 'hinge']);
  });
});

describe('network specs: conventions and regularization', () => {
  it('uses the standard convention unless told otherwise', () => {
    expect(parseNetwork(spec('relu')).convention).toBe('standard');
    expect(parseNetwork(`${spec('relu')}convention standard`).convention).toBe('standard');
  });

  it('switches to seed 001 notation with convention transposed: W has shape (previous × units)', () => {
    const network = parseNetwork(`input 3\ndense 4 sigmoid\ndense 1 sigmoid\nloss bce\nconvention transposed`);
    expect(network.convention).toBe('transposed');
    expect(network.layers.map((layer) => weightShape(network, layer))).toEqual([[3, 4], [4, 1]]);
  });

  it('accepts the convention and regularize lines before the input line too', () => {
    const network = parseNetwork(`convention transposed\nregularize l2 0.5\n${spec('relu')}`);
    expect(network).toMatchObject({ convention: 'transposed', l2: 0.5, inputSize: 2 });
  });

  it.each([
    ['0', 0],
    ['0.01', 0.01],
    ['.5', 0.5],
    ['1e-3', 0.001],
    ['2', 2],
    ['-0', 0],
  ])('reads regularize l2 %s as λ = %s', (text, lambda) => {
    expect(parseNetwork(`${spec('relu')}regularize l2 ${text}`).l2).toBe(lambda);
  });
});

describe('network specs: layout', () => {
  it('skips comments, blank lines and indentation, and reads CRLF line ends', () => {
    const text = '\r\n  # header\r\ninput 2   # features\r\n\r\n\tdense 1 sigmoid\r\n# the loss\r\nloss bce\r\n';
    const network = parseNetwork(text);
    expect(network.layers).toEqual([{ index: 1, units: 1, inputs: 2, activation: { name: 'sigmoid' }, line: 5 }]);
    expect(network.loss).toBe('bce');
  });

  it('reads 1,000 layers within the limits', () => {
    const text = `input 2\n${'dense 2 relu\n'.repeat(999)}dense 1 sigmoid\nloss bce\n`;
    expect(parseNetwork(text).layers).toHaveLength(1000);
  });
});

const withoutLines = (network: Network): Network => ({ ...network, layers: network.layers.map(({ line: _line, ...layer }) => layer) });

describe('network specs: printing', () => {
  it('prints the example back as a spec without comments', () => {
    expect(networkText(parseNetwork(EXAMPLE))).toBe('input 3\ndense 4 relu\ndense 4 tanh\ndense 3 softmax\nloss cross_entropy\n');
  });

  it('prints parameters that differ from the default, λ and the transposed convention', () => {
    const text = 'input 2\ndense 3 leaky_relu(0.2)\ndense 3 leaky_relu\ndense 2 elu(1e-7)\ndense 1 elu\nloss mse\nregularize l2 0.001\nconvention transposed\n';
    expect(networkText(parseNetwork(text))).toBe(text);
  });

  it.each([EXAMPLE, `${spec('elu(0.3)')}regularize l2 0\nconvention transposed`, 'convention standard\ninput 1\ndense 1 linear\nloss hinge'])(
    'round-trips: parse → print → parse gives the same network (%#)',
    (text) => {
      const network = parseNetwork(text);
      expect(withoutLines(parseNetwork(networkText(network)))).toEqual(withoutLines(network));
    },
  );

  const zeroless = (value: number) => (value === 0 ? 0 : value); // -0 is read back as 0
  const alphaArb = fc.oneof(fc.constant(undefined), fc.double({ min: -10, max: 10, noNaN: true }).map(zeroless));
  const activationArb = (names: readonly ActivationName[]): fc.Arbitrary<Activation> =>
    fc.tuple(fc.constantFrom(...names), alphaArb).map(([name, alpha]) => {
      const fallback = defaultAlpha(name);
      return fallback === undefined ? { name } : { name, alpha: alpha ?? fallback };
    });
  /** Losses the output activation allows: mse and mae after anything, bce after sigmoid, and so on. */
  const lossesFor = (output: ActivationName): LossName[] =>
    ['mse', 'mae', ...(output === 'sigmoid' ? ['bce' as const] : []), ...(output === 'softmax' ? ['cross_entropy' as const] : []), ...(output === 'linear' ? ['hinge' as const] : [])];
  const networkArb: fc.Arbitrary<Network> = fc
    .record({
      inputSize: fc.integer({ min: 1, max: 8 }),
      hidden: fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), activationArb(ACTIVATIONS)), { minLength: 0, maxLength: 5 }),
      output: fc.tuple(fc.integer({ min: 1, max: 8 }), activationArb(ACTIVATIONS)),
      lossPick: fc.nat(),
      l2: fc.option(fc.double({ min: 0, max: 10, noNaN: true }).map(zeroless), { nil: undefined }),
      convention: fc.constantFrom('standard' as const, 'transposed' as const),
    })
    .map(({ inputSize, hidden, output, lossPick, l2, convention }) => {
      const layers: Layer[] = [];
      for (const [units, activation] of [...hidden, output]) {
        layers.push({ index: layers.length + 1, units, inputs: layers[layers.length - 1]?.units ?? inputSize, activation });
      }
      const losses = lossesFor(output[1].name);
      const network: Network = { inputSize, layers, loss: losses[lossPick % losses.length]!, convention };
      return l2 === undefined ? network : { ...network, l2 };
    });

  it('round-trips random networks (depth 1–6, widths 1–8): print → parse gives the same network', () => {
    fc.assert(
      fc.property(networkArb, (network) => {
        const parsed = parseNetwork(networkText(network));
        expect(withoutLines(parsed)).toEqual(network);
        expect(parsed.layers.map((layer) => layer.line)).toEqual(network.layers.map((layer) => layer.index + 1));
      }),
      { seed: 20240601, numRuns: 300 },
    );
  });
});

/** [what, spec, kind, message, line, column, hint] */
type ErrorCase = [string, string, string, string, number, number, string | undefined];

const DENSE_USAGE = 'a dense line reads: dense <units> <activation>, such as: dense 4 relu, or dense 4 leaky_relu(0.1)';
const ERRORS: ErrorCase[] = [
  ['an unknown activation', 'input 3\ndense 4 rleu\nloss mse', 'unknown-name', 'unknown activation "rleu"', 2, 9, 'did you mean relu?'],
  ['an activation in capitals', 'input 3\ndense 4 ReLU\nloss mse', 'unknown-name', 'unknown activation "ReLU"', 2, 9, 'did you mean relu?'],
  ['an activation nothing is near', 'input 3\ndense 4 gelu_fancy\nloss mse', 'unknown-name', 'unknown activation "gelu_fancy"', 2, 9,
    'the activations are: linear, sigmoid, tanh, relu, leaky_relu, elu, softplus, swish, softmax'],
  ['an unknown loss', 'input 3\ndense 3 softmax\nloss cross_entropi', 'unknown-name', 'unknown loss "cross_entropi"', 3, 6, 'did you mean cross_entropy?'],
  ['a loss nothing is near', 'input 3\ndense 3 relu\nloss likelihood', 'unknown-name', 'unknown loss "likelihood"', 3, 6, 'the losses are: mse, mae, bce, cross_entropy, hinge'],
  ['an unknown regularization', 'input 3\ndense 3 relu\nloss mse\nregularize l1 0.1', 'unknown-name', 'unknown regularization "l1"', 4, 12, 'did you mean l2?'],
  ['an unknown convention', 'input 3\ndense 3 relu\nloss mse\nconvention transpose', 'unknown-name', 'unknown convention "transpose"', 4, 12, 'did you mean transposed?'],
  ['an unknown keyword', 'input 3\ndesne 4 relu\nloss mse', 'syntax', 'unknown keyword "desne"', 2, 1, 'did you mean dense?'],
  ['a layer before input', '# net\ndense 4 relu\ninput 3', 'syntax', 'this layer comes before the input line', 2, 1, 'a spec starts with "input N", N being the number of input features'],
  ['a loss before input', 'loss mse\ninput 3', 'syntax', 'the loss line comes before the input line', 1, 1, 'a spec starts with "input N", N being the number of input features'],
  ['a missing input', '# settings only\nconvention transposed', 'syntax', 'the spec has no input line', 2, 22, 'start it with "input N", N being the number of input features'],
  ['a repeated input', 'input 3\ninput 4\ndense 1 sigmoid\nloss bce', 'syntax', 'a second input line; the first is line 1', 2, 1, 'a spec has one "input N" line'],
  ['a missing loss', 'input 3\ndense 4 relu\n# done\n', 'syntax', 'the spec has no loss line', 2, 13,
    'end it with one of: loss mse, loss mae, loss bce, loss cross_entropy, loss hinge'],
  ['a repeated loss', 'input 3\ndense 1 sigmoid\nloss bce\nloss mse', 'syntax', 'a second loss line; the first is line 3', 4, 1, 'a network has one loss'],
  ['a layer after the loss', 'input 3\ndense 1 sigmoid\nloss bce\ndense 2 relu', 'syntax', 'this layer comes after the loss line (line 3)', 4, 1, 'the loss line comes after the last layer'],
  ['a loss without layers', 'input 3\nloss mse', 'syntax', 'the network has no dense layer before the loss', 2, 1, 'add at least one, such as: dense 1 sigmoid'],
  ['no layers and no loss', 'input 3', 'syntax', 'the network has no dense layer', 1, 8, 'add at least one after the input line, such as: dense 1 sigmoid'],
  ['an empty spec', '# nothing\n\n', 'syntax', 'the network spec is empty', 1, 1,
    'start with "input N", then dense layers and a loss, such as: input 2, dense 1 sigmoid, loss bce (one per line)'],
  ['a repeated regularize line', 'input 3\ndense 1 relu\nloss mse\nregularize l2 0.1\nregularize l2 0.2', 'syntax', 'a second regularize line; the first is line 4', 5, 1, undefined],
  ['a repeated convention line', 'convention standard\ninput 3\ndense 1 relu\nloss mse\nconvention transposed', 'syntax', 'a second convention line; the first is line 1', 5, 1, undefined],
  ['zero units', 'input 3\ndense 0 relu\nloss mse', 'domain', 'the number of units must be a whole number above 0, not 0', 2, 7, undefined],
  ['fractional units', 'input 3\ndense 2.5 relu\nloss mse', 'domain', 'the number of units must be a whole number above 0, not 2.5', 2, 7, undefined],
  ['negative units', 'input 3\ndense -2 relu\nloss mse', 'domain', 'the number of units must be a whole number above 0, not -2', 2, 7, undefined],
  ['a zero input size', 'input 0\ndense 2 relu\nloss mse', 'domain', 'the input size must be a whole number above 0, not 0', 1, 7, undefined],
  ['a negative λ', 'input 3\ndense 1 relu\nloss mse\nregularize l2 -0.1', 'domain', 'λ must be 0 or more, not -0.1', 4, 15, 'regularize l2 λ adds λ·ΣW² over every weight matrix to the loss'],
  ['an infinite λ', 'input 3\ndense 1 relu\nloss mse\nregularize l2 1e999', 'domain', 'λ must be a finite number, not 1e999', 4, 15, undefined],
  ['an infinite alpha', 'input 3\ndense 1 elu(1e400)\nloss mse', 'domain', 'the parameter of elu must be a finite number, not 1e400', 2, 13, undefined],
  ['a parameter on relu', 'input 3\ndense 4 relu(0.1)\nloss mse', 'syntax', 'relu takes no parameter', 2, 13, 'only leaky_relu(a) and elu(a) take one; write relu'],
  ['bce after softmax', 'input 3\ndense 4 relu\ndense 3 softmax\nloss bce', 'domain', 'bce needs a sigmoid output layer, but layer 2 (line 3) is softmax', 4, 6,
    'the lectures pair sigmoid with bce (binary cross-entropy) and softmax with cross_entropy'],
  ['cross_entropy after sigmoid', 'input 3\ndense 1 sigmoid\nloss cross_entropy', 'domain', 'cross_entropy needs a softmax output layer, but layer 1 (line 2) is sigmoid', 3, 6,
    'the lectures pair softmax with cross_entropy and sigmoid with bce (binary cross-entropy)'],
  ['hinge after softmax', 'input 3\ndense 3 softmax\nloss hinge', 'domain', 'hinge needs a linear output layer, but layer 1 (line 2) is softmax', 3, 6,
    'the multiclass SVM loss reads raw class scores, not probabilities: make the last layer linear'],
  ['trailing garbage', 'input 3\ndense 4 relu extra\nloss mse', 'syntax', 'unexpected "extra"', 2, 14, `expected "(" or the end of the line here; ${DENSE_USAGE}`],
  ['trailing garbage after a loss', 'input 3\ndense 4 relu\nloss mse mae', 'syntax', 'unexpected "mae"', 3, 10, 'expected the end of the line here; a loss line reads: loss <name>, such as: loss mse'],
  ['a missing activation', 'input 3\ndense 4\nloss mse', 'syntax', 'unexpected end of the line', 2, 8, `expected an activation here; ${DENSE_USAGE}`],
  ['units and activation swapped', 'input 3\ndense relu 4\nloss mse', 'syntax', 'unexpected "relu"', 2, 7, `expected a number here; ${DENSE_USAGE}`],
  ['a missing λ', 'input 3\ndense 4 relu\nloss mse\nregularize l2', 'syntax', 'unexpected end of the line', 4, 14,
    'expected a number here; a regularize line reads: regularize l2 <λ>, such as: regularize l2 0.01'],
  ['an unclosed parameter', 'input 3\ndense 4 leaky_relu(0.1\nloss mse', 'syntax', 'this "(" is never closed', 2, 19, `add the missing ")"; ${DENSE_USAGE}`],
  ['a character the language does not use', 'input 3\ndense 4 relu;\nloss mse', 'syntax', 'unexpected character ";"', 2, 13, `expected "(" or the end of the line here; ${DENSE_USAGE}`],
  ['a line starting with a number', 'input 3\n4 relu\nloss mse', 'syntax', 'unexpected "4"', 2, 1, 'expected "input", "dense", "loss", "regularize" or "convention" here'],
  ['too many layers', `input 2\n${'dense 2 relu\n'.repeat(1001)}loss mse`, 'too-large', 'layer 1001 is one too many: the limit is 1000 layers', 1002, 1, undefined],
  ['too many parameters', 'input 1000\ndense 5000 relu\ndense 2000 relu\nloss mse', 'too-large', 'layer 2 brings the network to 15007000 parameters; the limit is 10000000', 3, 7, undefined],
  ['too many lines', `input 2\ndense 1 relu\nloss mse\n${'#\n'.repeat(9997)}# one too many`, 'too-large', 'the spec has 10001 lines; the limit is 10000', 10001, 1,
    'comments and blank lines count too'],
  ['too many characters', `input 2\ndense 1 relu\nloss mse\n# ${'x'.repeat(100_000)}`, 'too-large', 'the spec is 100032 characters long; the limit is 100000', 4, 99971, undefined],
];

describe('network specs: errors', () => {
  it.each(ERRORS)('reports %s', (_what, text, kind, message, line, col, hint) => {
    const error = inputErrorOf(() => parseNetwork(text, 'net.spec'));
    expect({ kind: error.kind, message: error.message, line: error.location?.span.line, col: error.location?.span.col, hint: error.hint }).toEqual({
      kind,
      message,
      line,
      col,
      hint,
    });
    expect(error.location?.sourceName).toBe('net.spec');
  });

  it('prints the line, column and a caret under the mistake', () => {
    const error = inputErrorOf(() => parseNetwork('input 3\ndense 4 rleu\nloss mse', 'net.spec'));
    expect(formatError(error)).toBe(['error: unknown activation "rleu" (line 2, column 9 of net.spec)', '  dense 4 rleu', '          ^^^^', 'did you mean relu?'].join('\n'));
  });

  it('shows a short excerpt, not the whole line, when the spec is too long', () => {
    const error = inputErrorOf(() => parseNetwork(`# ${'x'.repeat(100_000)}`));
    const [, excerpt, caret] = formatError(error).split('\n');
    expect(excerpt!.length).toBeLessThan(100);
    expect(caret!.indexOf('^')).toBe(2 + 40);
  });

  it('accepts a spec of exactly 10,000 lines ending in a newline', () => {
    const text = `input 2\ndense 1 relu\nloss mse\n${'#\n'.repeat(9997)}`;
    expect(parseNetwork(text).inputSize).toBe(2);
  });
});
