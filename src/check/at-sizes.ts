/**
 * Claims about sizes left symbolic (a matrix's `W: n x m`, a sum's `sum(i, 1, N, …)`) checked at several concrete
 * sizes, different for each name: a claim is correct only if it is correct at every size, and wrong where it is wrong
 * at one (said in a note, and a factor that is a size named as that size).
 */
import type { ClaimResult, LineError } from './results.js';
import type { NotationWarning } from '../syntax/reading.js';

/** What checking a text gives. */
interface Read {
  readonly claims: ClaimResult[];
  readonly errors: LineError[];
  readonly warnings: NotationWarning[];
}

/** Reads the text at each assignment of sizes to the names (once, with no sizes, when there are none) and merges the verdicts. */
export function atSizes(names: readonly string[], read: (sizes?: ReadonlyMap<string, number>) => Read): Read {
  if (names.length === 0) return read();
  const k = names.length;
  const assignments = [names.map((_, i) => 2 + i), names.map((_, i) => 2 + k - 1 - i + (k === 1 ? 1 : 0)), names.map((_, i) => 3 + 2 * i)];
  const distinct = [...new Map(assignments.map((values) => [values.join(','), values])).values()];
  const runs = distinct.map((values) => {
    const sizes = new Map(names.map((name, i) => [name, values[i]!]));
    return { sizes, report: read(sizes) };
  });
  const first = runs[0]!.report;
  const where = (sizes: ReadonlyMap<string, number>) => [...sizes].map(([name, value]) => `${name} = ${value}`).join(', ');
  const claims = first.claims.map((claim, index) => {
    const results = runs.map((run) => ({ sizes: run.sizes, claim: run.report.claims[index] ?? claim }));
    const wrong = results.find((result) => result.claim.verdict === 'incorrect') ?? results.find((result) => result.claim.verdict === 'undetermined');
    const sized = wrong ? sizedFactor(results, names) : undefined;
    if (wrong) return { ...wrong.claim, ...(sized ? { diagnosis: sized } : {}), notes: [...(wrong.claim.notes ?? []), `at the sizes ${where(wrong.sizes)}`] };
    return { ...claim, notes: [...(claim.notes ?? []), `checked at the sizes ${results.map((result) => where(result.sizes)).join('; ')}`] };
  });
  return { claims, errors: first.errors, warnings: first.warnings };
}

/**
 * A constant factor that is a named size at every size tried (2 at B = 2, 3 at B = 3) is that size: `your answer is B
 * times the right one` (a 1/B missing), or 1/B (one too many).
 */
function sizedFactor(results: readonly { sizes: ReadonlyMap<string, number>; claim: ClaimResult }[], names: readonly string[]): string | undefined {
  const factors = results.map((result) => (result.claim.diagnosisKind === 'constant-factor' ? /your answer is (\S+) times the right one/.exec(result.claim.diagnosis ?? '')?.[1] : undefined));
  if (factors.some((factor) => factor === undefined) || new Set(factors).size < 2) return undefined;
  const values = factors.map((factor) => {
    const [numerator, denominator = '1'] = factor!.split('/');
    return Number(numerator) / Number(denominator);
  });
  for (const name of names) {
    if (values.every((value, k) => Math.abs(value - results[k]!.sizes.get(name)!) < 1e-9)) return `off by a factor of ${name}: your answer is ${name} times the right one (a division by ${name} is missing)`;
    if (values.every((value, k) => Math.abs(value * results[k]!.sizes.get(name)! - 1) < 1e-9)) return `off by a factor of 1/${name}: your answer is the right one divided by ${name} once too often`;
  }
  return `off by a factor that changes with the sizes (${factors.join(', ')} at the sizes tried)`;
}
