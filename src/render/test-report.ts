/** Reporters for `chainrule test`: a readable default, TAP and JUnit XML, so CI systems can read the results. */
import type { ClaimResult, ClaimsReport } from '../check/results.js';
import { formatError } from '../errors.js';

/** One formula file's verdicts. */
export interface FormulaFile {
  readonly file: string;
  readonly report: ClaimsReport;
}

/** The reporters. */
export type Reporter = 'default' | 'tap' | 'junit' | 'json';

/** Every reporter. */
export const REPORTERS: readonly Reporter[] = ['default', 'tap', 'junit', 'json'];

/** One test case: a claim, or a line that could not be read. */
interface Case {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly passed: boolean;
  /** Why it failed: named facts (verdict, expected, counterexample, diagnosis, reason, error). */
  readonly failure: readonly (readonly [string, string])[];
}

/** Every claim and every unreadable line of the run, as test cases in file and line order. */
export function testCases(files: readonly FormulaFile[]): Case[] {
  return files.flatMap(({ file, report }) => {
    const claims = report.claims.map((claim): Case => ({ file, line: claim.line, name: claim.claim, passed: claim.verdict === 'correct', failure: failureOf(claim) }));
    const errors = report.errors.map(({ line, error }): Case => ({ file, line, name: `line ${line}`, passed: false, failure: [['error', formatError(error)]] }));
    return [...claims, ...errors].sort((a, b) => a.line - b.line);
  });
}

function failureOf(claim: ClaimResult): [string, string][] {
  if (claim.verdict === 'correct') return [];
  const facts: [string, string][] = [['verdict', claim.verdict]];
  if (claim.expected !== undefined) facts.push(['expected', claim.expected]);
  if (claim.counterexample) {
    const { point, claimed, correct, bindings } = claim.counterexample;
    const where = bindings ? ` (where ${JSON.stringify(bindings)})` : '';
    facts.push(['counterexample', `at ${JSON.stringify(point)}${where}: claimed ${claimed}, correct ${correct}`]);
  }
  if (claim.diagnosis) facts.push(['diagnosis', claim.diagnosis]);
  if (claim.reason) facts.push(['reason', claim.reason]);
  return facts;
}

/** The run, rendered by a reporter. */
export function renderTests(files: readonly FormulaFile[], reporter: Reporter): string {
  const cases = testCases(files);
  if (reporter === 'tap') return tap(cases);
  if (reporter === 'junit') return junit(files, cases);
  if (reporter === 'json') return json(cases);
  const lines = cases.map((c) => [`${c.passed ? '✓' : '✗'} ${c.file}:${c.line} ${c.name}`, ...c.failure.map(([key, value]) => indent(`${key}: ${value}`))].join('\n'));
  const failed = cases.filter((c) => !c.passed).length;
  lines.push(`${cases.length - failed} passed, ${failed} failed (${cases.length} claim${cases.length === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'})`);
  return lines.join('\n');
}

function json(cases: readonly Case[]): string {
  const failed = cases.filter((c) => !c.passed).length;
  const tests = cases.map((c) => ({ file: c.file, line: c.line, name: c.name, passed: c.passed, ...(c.passed ? {} : { failure: Object.fromEntries(c.failure) }) }));
  return JSON.stringify({ tests, summary: { passed: cases.length - failed, failed } }, null, 2);
}

function tap(cases: readonly Case[]): string {
  const lines = ['TAP version 13', `1..${cases.length}`];
  cases.forEach((c, i) => {
    lines.push(`${c.passed ? 'ok' : 'not ok'} ${i + 1} - ${c.file}:${c.line} ${c.name.replace(/#/g, '\\#')}`);
    if (!c.passed) lines.push('  ---', ...c.failure.map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`), '  ...');
  });
  return lines.join('\n');
}

function junit(files: readonly FormulaFile[], cases: readonly Case[]): string {
  // the Jenkins xunit schema (junit-10.xsd): errors is required on a testsuite; a testcase has its line in its name
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="chainrule" tests="${cases.length}" failures="${cases.filter((c) => !c.passed).length}" errors="0" time="0">`];
  for (const { file } of files) {
    const own = cases.filter((c) => c.file === file);
    lines.push(`  <testsuite name="${xml(file)}" tests="${own.length}" failures="${own.filter((c) => !c.passed).length}" errors="0" skipped="0" time="0" file="${xml(file)}">`);
    for (const c of own) {
      const open = `    <testcase classname="${xml(file)}" name="${xml(`line ${c.line}: ${c.name}`)}" time="0"`;
      if (c.passed) lines.push(`${open}/>`);
      else {
        const fact = (key: string) => c.failure.find(([name]) => name === key)?.[1];
        const expected = fact('expected');
        const message = fact('error') ?? `${fact('verdict')}${expected === undefined ? '' : `: expected ${expected}`}`;
        const body = c.failure.map(([key, value]) => `${key}: ${value}`).join('\n');
        lines.push(`${open}>`, `      <failure message="${xml(message.split('\n')[0]!)}">${xml(body)}</failure>`, '    </testcase>');
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/** Text as XML 1.0 character data or an attribute value: markup escaped, characters XML cannot hold (controls, lone surrogates) dropped. */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
