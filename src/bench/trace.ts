/** Tracing a 1,000-node expression: the trace itself (cross-check included) and its text and JSON renderings. */
import { trace, traceJson } from '../explain/trace.js';
import { parse } from '../program.js';
import { renderTraceText } from '../render/trace-text.js';
import { sizedExpression } from './cases.js';
import { limitsFor } from './chainrule.js';
import { measure, roundMs } from './measure.js';

/** Milliseconds to trace a generated expression of about `targetNodes` nodes (parse, trace, text, JSON). */
export function timeTrace(targetNodes = 1000, seed = 7, samples = 7) {
  const expression = sizedExpression(targetNodes, seed);
  const run = () => {
    const program = parse(expression.text, { limits: limitsFor(expression.text) });
    const traced = trace(program, expression.point);
    const text = renderTraceText(traced);
    const json = JSON.stringify(traceJson(traced));
    return { traced, text, json };
  };
  const { traced, text, json } = run();
  const timing = measure({ samples, warmups: 2, setup: () => undefined, run });
  return {
    nodes: expression.nodes,
    traced_nodes: traced.nodes.length,
    edges: traced.edges.length,
    ms: roundMs(timing.medianMs),
    target_ms: 1000,
    text_lines: text.split('\n').length,
    text_bytes: text.length,
    json_bytes: json.length,
    agree: traced.check.agree,
    samples_ms: timing.samplesMs.map(roundMs),
  };
}
