/**
 * The vectorized engine against @tensorflow/tfjs's CPU backend: forward + backward of a 784-256-128-10 MLP
 * (relu, relu, softmax + cross-entropy) on a random batch of 64, with the same parameters and data in both.
 * tfjs is imported lazily, here only (it is a devDependency).
 */
import { initParameters, randomBatch } from '../nn/init.js';
import { transpose } from '../tensor/linalg.js';
import { backwardPass, forwardPass } from '../nn/mlp.js';
import type { Convention, Network } from '../nn/network.js';
import type { Matrix, Parameters } from '../nn/tensor.js';
import { measure, roundMs } from './measure.js';

/** The benchmark network's layer sizes. */
export const MLP_SIZES = [784, 256, 128, 10] as const;

/** The 784-256-128-10 relu network with a softmax + cross-entropy output, in either convention. */
export function benchNetwork(convention: Convention = 'standard'): Network {
  const sizes = MLP_SIZES;
  return {
    inputSize: sizes[0],
    layers: sizes.slice(1).map((units, i) => ({
      index: i + 1, units, inputs: sizes[i]!,
      activation: { name: i === sizes.length - 2 ? 'softmax' : 'relu' },
    })),
    loss: 'cross_entropy',
    convention,
  };
}

/** Floating-point operations of one forward + backward pass: 2·m·k·n per matrix product. */
export function mlpFlops(network: Network, batch: number): { forward: number; backward: number } {
  let forward = 0, backward = 0;
  network.layers.forEach((layer, i) => {
    const product = 2 * layer.units * layer.inputs * batch;
    forward += product; // z = W a
    backward += product; // ∂L/∂W = δ aᵀ
    if (i > 0) backward += product; // Wᵀ δ, for the layer below
  });
  return { forward, backward };
}

/** Parameters in the other convention (every W transposed). */
function transposed(params: Parameters): Parameters {
  return { W: params.W.map(transpose), b: params.b };
}

/** Times our engine and tfjs; returns the figures for the report's `mlp` key. */
export async function timeMlp(options: { batch?: number; seed?: number; samples?: number } = {}) {
  const batchSize = options.batch ?? 64, seed = options.seed ?? 11, samples = options.samples ?? 21;
  const network = benchNetwork('standard');
  const params = initParameters(network, { scheme: 'he', seed });
  const batch = randomBatch(network, { size: batchSize, seed: seed + 1 });
  const step = (net: Network, p: Parameters) => {
    const forward = forwardPass(net, p, batch);
    return backwardPass(net, p, batch, forward);
  };
  const ours = measure({ samples, warmups: 10, minSampleMs: 50, run: () => step(network, params) });
  const forwardOnly = measure({ samples, warmups: 5, minSampleMs: 50, run: () => forwardPass(network, params, batch) });
  const transposedNetwork = benchNetwork('transposed');
  const transposedParams = transposed(params);
  const oursTransposed = measure({ samples, warmups: 5, minSampleMs: 50, run: () => step(transposedNetwork, transposedParams) });
  const reference = step(network, params);
  const forward = forwardPass(network, params, batch);
  const tf = await quietly(() => timeTfjs(params, batch.x, batch.y, samples));
  const flops = mlpFlops(network, batchSize);
  const total = flops.forward + flops.backward;
  const gflops = (ms: number) => Math.round((total / (ms * 1e6)) * 100) / 100;
  const gradientDifference = maxRelativeDifference(reference.gradients.W, tf.gradients);
  return {
    network: MLP_SIZES.join('-'),
    activations: 'relu, relu, softmax + cross_entropy',
    batch: batchSize,
    flops: total,
    ms: roundMs(ours.medianMs),
    gflops: gflops(ours.medianMs),
    forward_ms: roundMs(forwardOnly.medianMs),
    transposed_ms: roundMs(oursTransposed.medianMs),
    tfjs_ms: roundMs(tf.timing.medianMs),
    tfjs_gflops: gflops(tf.timing.medianMs),
    speedup_vs_tfjs: Math.round((tf.timing.medianMs / ours.medianMs) * 100) / 100,
    tfjs_backend: tf.backend,
    tfjs_version: tf.version,
    loss: forward.loss,
    tfjs_loss: tf.loss,
    max_relative_gradient_difference_vs_tfjs: Number(gradientDifference.toPrecision(3)),
    precision: 'ours float64, tfjs float32',
    samples_ms: ours.samplesMs.map(roundMs),
    tfjs_samples_ms: tf.timing.samplesMs.map(roundMs),
  };
}

/** max |a − b| / max(|a|) over each pair of weight gradients (tfjs's are inputs × units: compared transposed). */
function maxRelativeDifference(ours: readonly Matrix[], theirs: readonly Float32Array[]): number {
  let worst = 0;
  ours.forEach((dW, l) => {
    const other = theirs[l]!;
    let scale = 0, diff = 0;
    for (let i = 0; i < dW.rows; i++) {
      for (let j = 0; j < dW.cols; j++) {
        const a = dW.data[i * dW.cols + j]!, b = other[j * dW.rows + i]!;
        scale = Math.max(scale, Math.abs(a));
        diff = Math.max(diff, Math.abs(a - b));
      }
    }
    worst = Math.max(worst, scale === 0 ? diff : diff / scale);
  });
  return worst;
}

/** Runs `body` with console output silenced (tfjs's CPU backend greets Node users on its first tensor). */
async function quietly<T>(body: () => Promise<T>): Promise<T> {
  const { log, warn, info } = console;
  console.log = console.warn = console.info = () => {};
  try {
    return await body();
  } finally {
    Object.assign(console, { log, warn, info });
  }
}

/** The same network in tfjs (rows are examples, W is inputs × units), timed with tf.variableGrads on the CPU backend. */
async function timeTfjs(params: Parameters, x: Matrix, y: Matrix, samples: number) {
  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  await tf.ready();
  const rowsOf = (m: Matrix) => tf.tensor2d(Float32Array.from(transpose(m).data), [m.cols, m.rows]); // examples as rows
  const xs = rowsOf(x), ys = rowsOf(y);
  const weights = params.W.map((W, l) => tf.variable(rowsOf(W), true, `W${l + 1}`)); // Wᵀ: inputs × units
  const biases = params.b.map((b, l) => tf.variable(tf.tensor1d(Float32Array.from(b)), true, `b${l + 1}`));
  const lossOf = () => {
    let a: ReturnType<typeof tf.matMul> = xs;
    weights.forEach((W, l) => {
      const z = tf.add(tf.matMul(a, W), biases[l]!);
      a = l === weights.length - 1 ? z : tf.relu(z);
    });
    return tf.losses.softmaxCrossEntropy(ys, a) as ReturnType<typeof tf.scalar>; // mean over the batch of −Σ y log softmax
  };
  const run = () => {
    const { value, grads } = tf.variableGrads(lossOf, [...weights, ...biases]);
    const loss = value.dataSync()[0]!;
    const gradients = weights.map((W) => grads[W.name]!.dataSync() as Float32Array);
    value.dispose();
    for (const name of Object.keys(grads)) grads[name]!.dispose();
    return { loss, gradients };
  };
  const first = run();
  const timing = measure({ samples, warmups: 5, minSampleMs: 50, run });
  const result = { backend: tf.getBackend(), version: tf.version_core, timing, loss: first.loss, gradients: first.gradients };
  for (const t of [xs, ys, ...weights, ...biases]) t.dispose();
  return result;
}
