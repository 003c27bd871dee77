/** The sentence that says whether the three methods agreed on a gradient, and how closely (or why not). */
import type { CrossCheck } from '../check/crosscheck.js';
import { formatError, formatValue } from './format.js';

/** The line that says whether the three methods agreed, and how closely. */
export function checkSummary(check: CrossCheck): string {
  const worstExact = Math.max(0, ...check.partials.map((p) => p.symbolicVsReverse));
  const worstFinite = Math.max(0, ...check.partials.map((p) => p.vsFinite ?? 0));
  const skipped = check.partials.some((p) => p.skipped);
  if (check.agree) {
    if (skipped) {
      const why = check.partials.find((p) => p.skipped)?.skipped;
      const used = check.partials.some((p) => !p.skipped && p.vsFinite !== undefined);
      return `✓ checked ${used ? 'three ways where it could be: symbolic and reverse mode agree, and finite differences agree where they could be used' : 'two ways: symbolic and reverse mode agree'} (largest relative difference ${formatError(worstExact)}${used ? ` and ${formatError(worstFinite)}` : ''}; finite differences could not be used for every variable: ${why})`;
    }
    return `✓ checked three ways: symbolic, reverse mode and finite differences agree (largest relative differences ${formatError(worstExact)} and ${formatError(worstFinite)})`;
  }
  const missing = check.partials.filter((p) => p.undefinedHere);
  if (missing.length > 0) {
    const exists = missing.some((p) => p.float64Only);
    return `✗ ${exists ? 'the gradient cannot be computed in float64 here' : 'the gradient does not exist here'}: ${missing.map((p) => `∂/∂${p.variable}: ${p.undefinedHere}`).join('; ')}`;
  }
  const bad = check.partials.filter((p) => !p.agree);
  const details = bad.map((p) => `∂/∂${p.variable}: symbolic ${formatValue(p.symbolic)}, reverse mode ${formatValue(p.reverse)}, finite differences ${p.finite === null ? 'not used' : formatValue(p.finite)}`);
  return `✗ the methods DISAGREE on ${details.join('; ')}`;
}
