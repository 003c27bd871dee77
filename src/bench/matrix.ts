/** Matrix calculus at the sizes of a real network: the matrix-form derivatives of a 5-layer MLP loss, and a claim about a 256×784 layer. */
import { matrixDiff } from '../api.js';
import { checkClaims } from '../check/claims.js';
import { differentiateMatrix } from '../matrix/differentiate.js';
import { buildTensorProgram } from '../build/tensor.js';
import { readProgram } from '../build/program.js';
import { parseDimsOption, sizesOf } from '../tensor/dims.js';
import { measure, roundMs } from './measure.js';

const MLP = 'z1 = W1 X + b1; a1 = relu(z1); z2 = W2 a1 + b2; a2 = relu(z2); z3 = W3 a2 + b3; a3 = relu(z3); z4 = W4 a3 + b4; a4 = relu(z4); z5 = W5 a4 + b5; L = cross_entropy(softmax(z5), Y)';
const MLP_DIMS = 'W1=256x784,X=784xB,B=64,b1=256,W2=128x256,b2=128,W3=64x128,b3=64,W4=32x64,b4=32,W5=10x32,b5=10,Y=10xB';

/** A 784-256-128-64-32-10 MLP's loss at batch 64: the matrix-form derivation alone, and `chainrule diff` with its check. */
export function timeMatrixDiff(samples = 9) {
  const dims = { dims: parseDimsOption(MLP_DIMS), sizes: sizesOf(MLP_DIMS) };
  const derive = () => {
    const built = buildTensorProgram(readProgram(MLP).statements, MLP, dims);
    return differentiateMatrix(built.matrix.matrices, built.matrix.output);
  };
  const derivation = measure({ samples, warmups: 2, run: derive });
  const checked = measure({ samples: 3, warmups: 1, minSampleMs: 0, run: () => matrixDiff(MLP, { dims: MLP_DIMS, wrt: ['W1', 'b1', 'W5'] }) });
  const result = matrixDiff(MLP, { dims: MLP_DIMS, wrt: ['W1', 'b1', 'W5'] });
  return {
    network: '784-256-128-64-32-10 relu, softmax + cross_entropy, batch 64',
    derivation_ms: roundMs(derivation.medianMs),
    with_check_ms: roundMs(checked.medianMs),
    verified: result.agree,
    samples_ms: derivation.samplesMs.map(roundMs),
  };
}

/** A claims file about a 256×784 sigmoid layer (a right answer, a transpose missing, a factor missing), checked in matrix form. */
export function timeMatrixClaim(samples = 5) {
  const text = [
    'W: 256x784; x: 784; b: 256; y: 256',
    'z = W x + b',
    'a = sigmoid(z)',
    'L = norm2(a - y)',
    "dL/dW = (2 (a - y) .* a .* (1 - a)) x'",
    "dL/dW = x (2 (a - y) .* a .* (1 - a))'",
    "dL/dW = ((a - y) .* a .* (1 - a)) x'",
  ].join('\n');
  const timing = measure({ samples, warmups: 1, minSampleMs: 0, run: () => checkClaims(text) });
  const report = checkClaims(text);
  return {
    layer: '256×784 sigmoid, squared error',
    claims: report.claims.length,
    ms_per_claim: roundMs(timing.medianMs / report.claims.length),
    verdicts: report.claims.map((claim) => claim.verdict),
    samples_ms: timing.samplesMs.map(roundMs),
  };
}
