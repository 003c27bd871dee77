/**
 * `npm run bench`: times chainrule's stages and mathjs's `derivative` on generated expressions of about 10³, 10⁴
 * and 10⁵ graph nodes, and a 784-256-128-10 MLP against tfjs, and prints one JSON document on stdout (progress goes to stderr).
 * Environment: BENCH_MATHJS_TIMEOUT_MS (per case, default 60000), BENCH_SIZES (e.g. "1000,10000"), BENCH_SEED.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sizedExpression } from './cases.js';
import { timeChainrule, type SampleCounts } from './chainrule.js';
import { DEFAULT_MATHJS_TIMEOUT_MS, timeMathjs } from './mathjs.js';
import { timeClaims } from './claims.js';
import { timeIdentities } from './identities.js';
import { timeMlp } from './mlp.js';
import { timeMatrixClaim, timeMatrixDiff } from './matrix.js';
import { timeDocument } from './documents.js';
import { checkTargets } from './targets.js';
import { timeTrace } from './trace.js';
import { timeShapes } from './shapes.js';
import { timeParsing } from './parsing.js';
import { timeGrading } from './grading.js';
import { verdictsUnderLoad } from './load.js';

const DEFAULT_SIZES = [1_000, 10_000, 100_000];
const DEFAULT_SEED = 20240601;

/** Fewer samples for the largest inputs, so the whole run stays within a few minutes; more warm-up for small ones (the JIT needs ~15 runs of 1000 nodes to settle). */
function sampleCounts(targetNodes: number): SampleCounts & { mathjs: number } {
  if (targetNodes >= 50_000) return { parse: 3, numeric: 5, symbolic: 3, mathjs: 3, warmups: 1 };
  if (targetNodes >= 5_000) return { parse: 5, numeric: 7, symbolic: 7, mathjs: 7, warmups: 3 };
  return { parse: 7, numeric: 7, symbolic: 9, mathjs: 9, warmups: 15 };
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function ratio(numerator: number, denominator: number | null): number | null {
  return denominator === null || denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 1000;
}

/** Runs one case: generate, time chainrule, time mathjs in a worker. */
async function runCase(targetNodes: number, seed: number, mathjsTimeoutMs: number) {
  const counts = sampleCounts(targetNodes);
  progress(`${targetNodes} nodes: generating`);
  const expression = sizedExpression(targetNodes, seed);
  progress(`${targetNodes} nodes: chainrule (graph of ${expression.nodes} nodes, ${expression.text.length} characters)`);
  const chainrule = timeChainrule(expression.text, expression.point, counts);
  progress(`${targetNodes} nodes: mathjs derivative (time limit ${mathjsTimeoutMs} ms)`);
  const mathjs = await timeMathjs({ text: expression.text, variables: expression.variables, samples: counts.mathjs, warmups: counts.warmups }, mathjsTimeoutMs);
  const { samples, ...measured } = chainrule;
  return {
    nodes: chainrule.nodes,
    parse_ms: chainrule.parse_ms,
    forward_ms: chainrule.forward_ms,
    reverse_ms: chainrule.reverse_ms,
    symbolic_ms: chainrule.symbolic_ms,
    fd_ms: chainrule.fd_ms,
    derivative_nodes: chainrule.derivative_nodes,
    mathjs_derivative_ms: mathjs.mathjs_derivative_ms,
    mathjs_status: mathjs.mathjs_status,
    reverse_over_forward: ratio(chainrule.reverse_ms, chainrule.forward_ms)!,
    derivative_over_nodes: ratio(chainrule.derivative_nodes, chainrule.nodes)!,
    symbolic_speedup_vs_mathjs: mathjs.mathjs_derivative_ms === null ? null : ratio(mathjs.mathjs_derivative_ms, chainrule.symbolic_ms),
    fd_over_forward: ratio(chainrule.fd_ms, chainrule.forward_ms),
    target_nodes: targetNodes,
    variables: measured.variables,
    text_chars: expression.text.length,
    tree_depth: expression.depth,
    generated_operations: expression.operations,
    symbolic_vs_reverse_max_relative_error: measured.symbolic_vs_reverse_max_relative_error,
    fd_vs_reverse_max_relative_error: measured.fd_vs_reverse_max_relative_error,
    mathjs_parse_ms: mathjs.mathjs_parse_ms,
    mathjs_derivative_nodes: mathjs.mathjs_derivative_nodes,
    mathjs_derivative_tree_nodes: mathjs.mathjs_derivative_tree_nodes,
    warmup_runs: counts.warmups,
    samples_ms: { ...samples, mathjs_derivative_ms: mathjs.mathjs_samples_ms },
  };
}

/** JSON indented by 2, with arrays of numbers kept on one line. */
function jsonWithFlatArrays(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[[-\d.,e+\s]*\]/g, (array) => array.replace(/\s+/g, ' ').replace('[ ', '[').replace(' ]', ']'));
}

async function main(): Promise<void> {
  const started = performance.now();
  const sizes = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : DEFAULT_SIZES;
  const seed = Number(process.env.BENCH_SEED ?? DEFAULT_SEED);
  const mathjsTimeoutMs = Number(process.env.BENCH_MATHJS_TIMEOUT_MS ?? DEFAULT_MATHJS_TIMEOUT_MS);
  const cases = [];
  for (const size of sizes) cases.push(await runCase(size, seed + size, mathjsTimeoutMs));
  progress('claims: checking a 1,000-claim file');
  const claims = timeClaims();
  progress('identities: checking a 1,000-line file of identities');
  const identities = timeIdentities();
  progress('trace: a 1,000-node expression, traced and rendered as text and JSON');
  const traced = timeTrace();
  progress('shapes: a 50-layer network spec, parsed and reported');
  const shapes = timeShapes();
  progress('mlp: 784-256-128-10 forward + backward at batch 64, ours and tfjs (CPU backend)');
  const mlp = await timeMlp();
  progress('matrix: the matrix-form derivatives of a 5-layer MLP loss, and claims about a 256×784 layer');
  const matrixDiffs = timeMatrixDiff();
  const matrixClaims = timeMatrixClaim();
  progress('documents: a 50-page LaTeX homework with 500 derivations');
  const documents = timeDocument();
  progress('parsing: 10⁵-character inputs of every construct');
  const parsing = timeParsing();
  progress('grading: a class of 400 submissions (20 hostile) with --jobs 1 and --jobs 2');
  const grading = timeGrading();
  progress('under load: the test corpora checked quiet and with two busy processes');
  const underLoad = verdictsUnderLoad();
  const report = {
    cases,
    claims,
    identities,
    trace: traced,
    shapes,
    mlp,
    matrix_diff: matrixDiffs,
    matrix_claim: matrixClaims,
    document: documents,
    parsing,
    grading,
    under_load: underLoad,
    targets: [
      ...checkTargets(cases),
      { target: 'claims checked per second on a 1,000-claim file >= 1000', measured: String(claims.per_second), met: claims.per_second >= 1000 },
      { target: 'identities checked per second on a 1,000-line file >= 500', measured: String(identities.per_second), met: identities.per_second >= 500 },
      { target: 'a 1,000-node expression traced (cross-check, text and JSON) in under 1000 ms', measured: `${traced.ms} ms`, met: traced.ms < 1000 },
      { target: 'the shapes report of a 50-layer network in well under a second', measured: `${shapes.ms} ms`, met: shapes.ms < 250 },
      {
        target: "MLP 784-256-128-10 forward + backward at batch 64 at least 5× faster than tfjs's CPU backend",
        measured: `${mlp.ms} ms (${mlp.gflops} GFLOP/s) vs tfjs ${mlp.tfjs_ms} ms (${mlp.tfjs_gflops} GFLOP/s): ${(mlp.tfjs_ms / mlp.ms).toFixed(1)}×`,
        met: mlp.ms * 5 <= mlp.tfjs_ms,
      },
      { target: 'the matrix-form derivatives of a 5-layer MLP loss in under 50 ms', measured: `${matrixDiffs.derivation_ms} ms (with the check: ${matrixDiffs.with_check_ms} ms)`, met: matrixDiffs.derivation_ms < 50 && matrixDiffs.verified },
      { target: 'a matrix claim about a 256×784 layer checked in under 1 s', measured: `${matrixClaims.ms_per_claim} ms per claim`, met: matrixClaims.ms_per_claim < 1000 },
      { target: 'a 50-page LaTeX document with 500 derivations checked in under 10 s', measured: `${documents.ms} ms (${documents.claims} claims, ${documents.incorrect} incorrect)`, met: documents.ms < 10_000 && documents.claims === 500 },
      { target: 'every construct at 10⁵ characters parsed (or refused at the depth limit) in under 1 s', measured: `slowest ${parsing.slowest_ms} ms`, met: parsing.slowest_ms < 1000 },
      {
        target: 'a class of 400 with --jobs 2 in well under the time of --jobs 1, with identical results',
        measured: `${grading.jobs_2.seconds} s vs ${grading.jobs_1.seconds} s (ratio ${grading.jobs_2_over_jobs_1}); identical: ${grading.results_identical}`,
        met: grading.jobs_2_over_jobs_1 < 0.8 && grading.results_identical,
      },
      { target: 'identical verdicts on the test corpora quiet and under load', measured: `identical: ${underLoad.identical}`, met: underLoad.identical },
    ],
    method: {
      statistic: 'median milliseconds per run over the samples listed in samples_ms (fast runs batched within a sample), after warmup_runs untimed runs (mathjs gets the same)',
      parse: 'chainrule parse(text, {limits}): nearley grammar + graph building',
      forward: 'Tape.forward(point); the tape is built once, outside the timed region',
      reverse: 'Tape.forward(point) then backward(tape, values, output): the full gradient',
      symbolic: 'differentiate(graph, output) for every variable, on a freshly built graph each sample (built outside the timed region)',
      fd: 'finiteDifference(tape, point, output, v) for every variable v (Richardson extrapolation with adaptive step refinement and kink checks: at least 9 forward passes each)',
      derivative_nodes: 'graph.ancestors(every derivative output).length',
      mathjs: 'derivative(parsedNode, v, {simplify: false}) for every variable v, in a worker_threads Worker, on the same text parsed once by mathjs (parse not timed)',
      identities: 'checkClaims on a 1,000-line file cycling through 16 identities (true ones, and false ones that differ only at negative, large or integer points, or by 1e-16), each checked symbolically, at random and probe points, and at high precision where float64 cannot separate the sides',
      trace: 'parse, trace(program, point) (forward values, every edge, the three-way cross-check), renderTraceText and JSON.stringify(traceJson), for a generated expression of about 1,000 nodes',
      mlp: 'forwardPass + backwardPass (float64, standard convention; transposed_ms: the transposed one) of a 784-256-128-10 relu/relu/softmax + cross_entropy MLP, He initialisation, random batch of 64; tfjs: the same parameters and data (float32, examples as rows) through tf.variableGrads of tf.losses.softmaxCrossEntropy on tf.setBackend(\'cpu\'); gflops counts 2·m·k·n per matrix product (forward W a; backward δ aᵀ and Wᵀ δ)',
      matrix_diff: 'derivation_ms: building the program into the matrix-level graph and differentiating it in matrix form (differentiateMatrix); with_check_ms: matrixDiff (chainrule diff) by W1, b1 and W5 including the check at 3 random inputs (forward, VJPs, finite differences along random directions)',
      document: 'readDocument and checkDocument (one session, in this thread) on a generated LaTeX document: 500 sections of prose, each with an align* derivation of three steps (one in ten wrong at its last step)',
      matrix_claim: 'checkClaims on the 3-claim file (median of the samples) divided by the claims: each judged in matrix form at 3 random inputs and its right answer proven',
      parsing: 'parseProgram, parseClaimLine or parseLatexClaimLine on each construct once, at --max-depth 1000 (the most allowed)',
      grading: 'chainrule grade on a generated class in a fresh process per run (grade-child.ts): wall time of the command, and the process\'s peak resident memory (process.resourceUsage().maxRSS, worker threads included)',
      under_load: 'every verdict on test/corpus (student claims files, derivatives.tsv, identities.tsv), computed in a fresh process, quiet and with two `for (;;) {}` processes running',
      mathjs_derivative_nodes: 'distinct node objects reachable from every mathjs derivative (mathjs shares subtrees); mathjs_derivative_tree_nodes: their size written out',
    },
    settings: { sizes, seed, mathjs_timeout_ms: mathjsTimeoutMs },
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cpus: os.cpus().length,
      memory_gb: Math.round(os.totalmem() / 2 ** 30),
    },
    total_seconds: Math.round((performance.now() - started) / 100) / 10,
  };
  process.stdout.write(`${jsonWithFlatArrays(report)}\n`);
}

await main();
