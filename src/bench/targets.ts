/** The targets, checked against the measured cases. */

/** The fields of a measured case the targets read. */
export interface TargetInputs {
  readonly nodes: number;
  readonly reverse_over_forward: number;
  readonly derivative_over_nodes: number;
  readonly symbolic_ms: number;
  readonly mathjs_derivative_ms: number | null;
  readonly mathjs_status: string;
}

/** One target: what it asks, what was measured, and whether it is met. */
export interface TargetResult {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

/** Cheap-gradient bound: a full gradient costs at most this many forward passes at the largest size. */
export const REVERSE_OVER_FORWARD_LIMIT = 3;
/** The symbolic derivative's graph may be at most this many times the original's node count. */
export const DERIVATIVE_OVER_NODES_LIMIT = 4;

/** Checks every target against the cases (the reverse/forward bound is read at the largest case). */
export function checkTargets(cases: readonly TargetInputs[]): TargetResult[] {
  const largest = cases.reduce((a, b) => (b.nodes > a.nodes ? b : a));
  const sizes = cases.map((c) => c.derivative_over_nodes.toFixed(2)).join(', ');
  const versus = cases.map((c) =>
    c.mathjs_derivative_ms === null ? `${c.symbolic_ms} ms vs mathjs ${c.mathjs_status}` : `${c.symbolic_ms} vs ${c.mathjs_derivative_ms} ms`,
  );
  return [
    {
      target: `reverse_ms / forward_ms <= ${REVERSE_OVER_FORWARD_LIMIT} at ${largest.nodes} nodes`,
      measured: largest.reverse_over_forward.toFixed(2),
      met: largest.reverse_over_forward <= REVERSE_OVER_FORWARD_LIMIT,
    },
    {
      target: `derivative_nodes / nodes <= ${DERIVATIVE_OVER_NODES_LIMIT} on every case`,
      measured: sizes,
      met: cases.every((c) => c.derivative_over_nodes <= DERIVATIVE_OVER_NODES_LIMIT),
    },
    {
      target: 'symbolic_ms < mathjs_derivative_ms on every case (a mathjs timeout counts as slower)',
      measured: versus.join('; '),
      met: cases.every((c) => (c.mathjs_derivative_ms === null ? c.mathjs_status.startsWith('timeout') : c.symbolic_ms < c.mathjs_derivative_ms)),
    },
  ];
}
