/**
 * The work budgets of checking one claim: amounts, never time, so that a verdict depends only on the input and the
 * options. A claim that needs more is undetermined, and says which budget it ran out of.
 */

/** Nodes one claim may add to its graph (simplifying, differentiating, diagnosing). */
export const NODES_PER_CLAIM = 200_000;

