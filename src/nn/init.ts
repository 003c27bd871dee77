/**
 * Parameters and batches: seeded initialisation (zero, uniform, Xavier, He as seeds 000, 003 and 004 describe them),
 * random batches with targets that suit the loss, and both read from JSON with shape errors a student can act on.
 */
import { seededRandom } from '../check/random.js';
import { InputError } from '../errors.js';
import { weightShape, type Layer, type Network } from './network.js';
import type { Batch, Matrix, Parameters } from './tensor.js';

/** Initialisation schemes for the weights (biases always start at 0). */
export const INIT_SCHEMES = ['zeros', 'uniform', 'xavier', 'he'] as const;

/** The name of an initialisation scheme. */
export type InitScheme = (typeof INIT_SCHEMES)[number];

/** How to initialise: the scheme, the seed, and uniform's half-width ε. */
export interface InitOptions {
  readonly scheme: InitScheme;
  /** Seed of the generator (default 1). */
  readonly seed?: number;
  /** uniform: weights ~ U(−ε, ε); default ε = 1/√n_in (seed 000's uniform range). */
  readonly scale?: number;
}

/** Standard normal numbers from a uniform generator (Box–Muller). */ // √(−2 ln u₁) cos(2π u₂)
export function gaussian(uniform: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u1 = 1 - uniform(); // in (0, 1], so the logarithm is finite
    const u2 = uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  };
}

/** Initial parameters: W^[l] by the scheme (n_in = the layer's inputs), b^[l] = 0. */
export function initParameters(network: Network, options: InitOptions): Parameters {
  const uniform = seededRandom(options.seed ?? 1);
  const normal = gaussian(uniform);
  const W = network.layers.map((layer) => {
    const [rows, cols] = weightShape(network, layer);
    const data = new Float64Array(rows * cols);
    const fanIn = layer.inputs;
    const draw = drawer(options, fanIn, uniform, normal);
    for (let i = 0; i < data.length; i++) data[i] = draw();
    return { rows, cols, data };
  });
  return { W, b: network.layers.map((layer) => new Float64Array(layer.units)) };
}

/** One weight's distribution under a scheme. */
function drawer(options: InitOptions, fanIn: number, uniform: () => number, normal: () => number): () => number {
  switch (options.scheme) {
    case 'zeros':
      return () => 0; // W = 0: every hidden unit identical (seed 004: "zero outputs & zero gradients")
    case 'uniform': {
      const epsilon = options.scale ?? 1 / Math.sqrt(fanIn);
      return () => (2 * uniform() - 1) * epsilon; // U(−ε, ε)
    }
    case 'xavier': {
      const std = Math.sqrt(1 / fanIn);
      return () => std * normal(); // N(0, 1/n_in): Var(w) = 1/n (seed 003)
    }
    case 'he': {
      const std = Math.sqrt(2 / fanIn);
      return () => std * normal(); // N(0, 2/n_in) (Kaiming, seeds 000 and 004)
    }
  }
}

/** Options of randomBatch. */
export interface BatchOptions {
  /** Examples B (default 4). */
  readonly size?: number;
  /** Seed (default 2). */
  readonly seed?: number;
}

/** A random batch: x ~ N(0, 1); targets by loss: one-hot classes (cross_entropy, hinge), 0/1 (bce), N(0, 1) reals (mse, mae). */
export function randomBatch(network: Network, options: BatchOptions = {}): Batch {
  const size = options.size ?? 4;
  const uniform = seededRandom(options.seed ?? 2);
  const normal = gaussian(uniform);
  const outputs = lastLayer(network).units;
  const x = matrixOf(network.inputSize, size, () => normal());
  if (network.loss === 'cross_entropy' || network.loss === 'hinge') {
    const classes = Int32Array.from({ length: size }, () => Math.min(outputs - 1, Math.floor(uniform() * outputs)));
    return { x, y: oneHot(classes, outputs), classes };
  }
  const y = matrixOf(outputs, size, network.loss === 'bce' ? () => (uniform() < 0.5 ? 0 : 1) : () => normal());
  return { x, y };
}

function matrixOf(rows: number, cols: number, entry: () => number): Matrix {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = entry();
  return { rows, cols, data };
}

/** One-hot columns (classes × B) from class indices. */
export function oneHot(classes: Int32Array, count: number): Matrix {
  const y = new Float64Array(count * classes.length);
  classes.forEach((c, j) => (y[c * classes.length + j] = 1));
  return { rows: count, cols: classes.length, data: y };
}

function lastLayer(network: Network): Layer {
  const layer = network.layers[network.layers.length - 1];
  if (!layer) throw new InputError('usage', 'the network has no layers');
  return layer;
}

function usage(message: string, hint?: string): never {
  throw new InputError('usage', message, undefined, hint);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number, or an error naming where it was. */
function numberAt(value: unknown, where: string): number {
  if (typeof value === 'number' && !Number.isFinite(value)) usage(`${where} is ${value}: too large for float64 (numbers must be finite)`); // JSON's 1e400
  if (typeof value !== 'number') usage(`${where} should be a number, got ${JSON.stringify(value) ?? String(value)}`);
  return value;
}

/** Nested arrays as rows of numbers, or an error naming the value. */
function rowsOf(value: unknown, name: string): number[][] {
  if (!Array.isArray(value) || value.length === 0) usage(`${name} should be a non-empty array of rows, e.g. [[1, 2], [3, 4]]`);
  return value.map((row, i) => {
    if (!Array.isArray(row)) usage(`${name} should be an array of rows: row ${i + 1} is ${JSON.stringify(row)}`);
    return row.map((entry, j) => numberAt(entry, `${name}[${i}][${j}]`));
  });
}

/** "3 × 4" for a list of rows (ragged rows are reported). */
function shapeOfRows(rows: number[][], name: string): [number, number] {
  const cols = rows[0]!.length;
  rows.forEach((row, i) => {
    if (row.length !== cols) usage(`${name} has rows of different lengths: row 1 has ${cols} entries, row ${i + 1} has ${row.length}`);
  });
  return [rows.length, cols];
}

/**
 * Parameters from `{"W1": [[…], …], "b1": […], …}`: W^[l] as rows in the network's convention (units × inputs in the
 * standard one, inputs × units in the transposed one; a W of one row or one column may be a flat list), b^[l] as a
 * list of the layer's units (a single row or column of nested arrays is accepted too). Other keys (x, y) are ignored.
 */
export function parametersFromJson(network: Network, json: unknown): Parameters {
  if (!isRecord(json)) usage('parameters should be a JSON object like {"W1": [[…]], "b1": […], …}');
  const W: Matrix[] = [], b: Float64Array[] = [];
  const known = new Set(network.layers.flatMap((layer) => [`W${layer.index}`, `b${layer.index}`]));
  for (const key of Object.keys(json)) {
    if (/^[Wb]\d+$/.test(key) && !known.has(key)) usage(`${key} is not a parameter of this network: it has ${network.layers.length} layers (${[...known].join(', ')})`);
  }
  for (const layer of network.layers) {
    const [rows, cols] = weightShape(network, layer);
    const name = `W${layer.index}`;
    const layout = network.convention === 'standard' ? `units × inputs, the standard convention z = W a + b` : `inputs × units, the transposed convention z = Wᵀ a + b`;
    if (!(name in json)) throw new InputError('missing-value', `missing ${name}: a ${rows} × ${cols} matrix (${layout})`);
    const value = json[name];
    const vector = rows === 1 || cols === 1; // a single row or column may be written as a flat list, like a bias
    const flat = vector && Array.isArray(value) && value.length === rows * cols && value.every((entry) => typeof entry === 'number');
    if (!flat && Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === 'number')) {
      usage(`${name} should be a ${rows} × ${cols} matrix (${layout}), one array per row; got a flat list of ${value.length} numbers`);
    }
    const entries = flat ? (value as unknown[]).map((entry, i) => numberAt(entry, `${name}[${i}]`)) : [];
    const given = flat ? (rows === 1 ? [entries] : entries.map((entry) => [entry])) : rowsOf(value, name);
    const [givenRows, givenCols] = shapeOfRows(given, name);
    if (givenRows !== rows || givenCols !== cols) {
      const transposed = givenRows === cols && givenCols === rows;
      const other = network.convention === 'standard' ? 'transposed' : 'standard';
      usage(
        `${name} should be ${rows} × ${cols} (${layout}), got ${givenRows} × ${givenCols}`,
        transposed ? `${name} looks transposed: it has the shape of the ${other} convention; transpose it or declare that convention` : undefined,
      );
    }
    W.push({ rows, cols, data: Float64Array.from(given.flat()) });
    b.push(biasFromJson(json[`b${layer.index}`], layer));
  }
  return { W, b };
}

/** A bias vector from a flat list (or a single row or column); required, never assumed to be zero. */
function biasFromJson(value: unknown, layer: Layer): Float64Array {
  const name = `b${layer.index}`;
  if (value === undefined) throw new InputError('missing-value', `missing ${name}: a list of ${layer.units} numbers (one per unit of layer ${layer.index})`);
  let flat: number[];
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'number')) {
    flat = value.map((entry, i) => numberAt(entry, `${name}[${i}]`));
  } else {
    const rows = rowsOf(value, name);
    const [r, c] = shapeOfRows(rows, name);
    if (r !== 1 && c !== 1) usage(`${name} should be a list of ${layer.units} numbers, got a ${r} × ${c} matrix`);
    flat = rows.flat();
  }
  if (flat.length !== layer.units) usage(`${name} should have ${layer.units} entries (one per unit of layer ${layer.index}), got ${flat.length}`);
  return Float64Array.from(flat);
}

/**
 * A batch from `{"x": [[…], …], "y": …}`: x has one row per example (a flat list is one example, or one value per
 * example when there is one input); y has one row per example (targets, or one-hot for classes), or is a flat list of
 * 0-based class indices (cross_entropy, hinge) or of one target per example (one output). With a single example, y
 * may also be its row written flat (`[0, 1, 0]`) or one number (its class index or target), and x one number; class
 * indices may also be a column (`[[2], [0]]`).
 */
export function batchFromJson(network: Network, json: unknown): Batch {
  if (!isRecord(json)) usage('the batch should be a JSON object like {"x": [[…], …], "y": […]}');
  const outputs = lastLayer(network).units;
  if (json.x === undefined) throw new InputError('missing-value', `missing x: one row of ${network.inputSize} inputs per example`);
  const xRows = examplesOf(json.x, 'x', network.inputSize);
  const B = xRows.length;
  xRows.forEach((row, i) => {
    if (row.length !== network.inputSize) usage(`x should have ${network.inputSize} entries per example (the network's inputs), but example ${i + 1} has ${row.length}`, transposedHint('x', xRows, network.inputSize));
  });
  const x = columnsFrom(xRows, network.inputSize);
  if (json.y === undefined) throw new InputError('missing-value', `missing y: the targets of the ${B} example${B === 1 ? '' : 's'}`);
  const classLoss = network.loss === 'cross_entropy' || network.loss === 'hinge';
  const column = classLoss && outputs > 1 && Array.isArray(json.y) && json.y.length > 0 && json.y.every((row) => Array.isArray(row) && row.length === 1);
  const yValue = typeof json.y === 'number' ? [json.y] : column ? (json.y as unknown[][]).map((row) => row[0]) : json.y; // one class index or target; class indices as a column
  const oneRow = B === 1 && outputs > 1 && Array.isArray(yValue) && yValue.length === outputs; // one example's target row, written flat
  if (Array.isArray(yValue) && yValue.every((entry) => typeof entry === 'number') && (classLoss || outputs === 1) && !oneRow) {
    const flat = yValue.map((entry, i) => numberAt(entry, `y[${i}]`));
    if (flat.length !== B) usage(`y has ${flat.length} entries but x has ${B} examples`, classLoss ? 'give y as one 0-based class index per example, or as one-hot rows' : undefined);
    if (!classLoss) return { x, y: { rows: 1, cols: B, data: Float64Array.from(checkTargets(network, flat)) } };
    flat.forEach((c, i) => {
      if (!Number.isInteger(c) || c < 0 || c >= outputs) usage(`y[${i}] = ${c} is not a class index: classes are 0 to ${outputs - 1} (0-based, one per output)`);
    });
    const classes = Int32Array.from(flat);
    return { x, y: oneHot(classes, outputs), classes };
  }
  const yRows = examplesOf(yValue, 'y', outputs);
  if (yRows.length !== B) usage(`y has ${yRows.length} row${yRows.length === 1 ? '' : 's'} but x has ${B} example${B === 1 ? '' : 's'}`, transposedHint('y', yRows, outputs));
  yRows.forEach((row, i) => {
    if (row.length !== outputs) usage(`y should have ${outputs} entries per example (the network's outputs), but example ${i + 1} has ${row.length}`, transposedHint('y', yRows, outputs));
  });
  checkTargets(network, yRows.flat());
  const y = columnsFrom(yRows, outputs);
  const classes = classesOfOneHot(yRows);
  if (network.loss === 'hinge' && !classes) usage('hinge needs class indices: give y as a list of class indices or as one-hot rows');
  return classes && classLoss ? { x, y, classes } : { x, y };
}

/** A hint when rows look like one column per example (width rows) instead of one row per example. */
function transposedHint(name: string, rows: readonly number[][], width: number): string | undefined {
  const transposed = rows.length === width && rows.every((row) => row.length === rows[0]!.length) && rows[0]!.length !== width;
  return transposed ? `${name} looks transposed (${rows.length} row${rows.length === 1 ? '' : 's'} of ${rows[0]!.length}): give one row per example, ${width} entr${width === 1 ? 'y' : 'ies'} each` : undefined;
}

/** Rows of examples from nested arrays, or from a flat list (one example, or one value each when width is 1), or one number. */
function examplesOf(value: unknown, name: string, width: number): number[][] {
  if (typeof value === 'number') return [[numberAt(value, name)]];
  if (Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === 'number')) {
    const flat = value.map((entry, i) => numberAt(entry, `${name}[${i}]`));
    return width === 1 ? flat.map((v) => [v]) : [flat];
  }
  return rowsOf(value, name);
}

/** The matrix with one column per example from one row per example. */
function columnsFrom(rows: number[][], height: number): Matrix {
  const B = rows.length, data = new Float64Array(height * B);
  rows.forEach((row, j) => row.forEach((v, i) => (data[i * B + j] = v)));
  return { rows: height, cols: B, data };
}

/** bce targets must lie in [0, 1]. */
function checkTargets(network: Network, values: number[]): number[] {
  if (network.loss === 'bce') {
    const bad = values.findIndex((v) => v < 0 || v > 1);
    if (bad >= 0) usage(`bce targets must lie between 0 and 1, got ${values[bad]}`);
  }
  return values;
}

/** The class of each row when every row is one-hot. */
function classesOfOneHot(rows: number[][]): Int32Array | undefined {
  const classes = new Int32Array(rows.length);
  for (const [j, row] of rows.entries()) {
    const ones = row.filter((v) => v === 1).length, zeros = row.filter((v) => v === 0).length;
    if (ones !== 1 || ones + zeros !== row.length) return undefined;
    classes[j] = row.indexOf(1);
  }
  return classes;
}
