/** Renders a homework document's check (`chainrule check hw.tex`) as text or JSON, at the document's own positions. */
import type { DocumentReport } from '../check/documents.js';
import type { DocumentPosition } from '../syntax/documents.js';
import { checkJson, claimDetails, compactMessage, VERDICT_MARKS } from './check.js';
import { printable } from './printable.js';

/** `hw.tex:42:5`, or `hw.ipynb:cell 3:2:5` in a notebook: the file:line:col form editors and CI problem matchers read. */
export function positionText(name: string, position: DocumentPosition): string {
  return `${name}:${position.cell !== undefined ? `cell ${position.cell}:` : ''}${position.line}:${position.col}`;
}

/** The report as text: one paragraph per claim, headed by its position, with the document's line quoted; then a summary. */
export function renderDocumentCheck(report: DocumentReport, name: string): string {
  const lines: string[] = [];
  for (const { claim, position, start, source } of report.claims) {
    const where = claim.step !== undefined && claim.startLine !== claim.line ? ` (step ${claim.step} of the derivation at line ${start.line})` : '';
    lines.push(`${positionText(name, position)}: ${VERDICT_MARKS[claim.verdict]} ${claim.verdict}${where}`);
    lines.push(`    ${source.trim()}`);
    lines.push(...claimDetails(claim));
  }
  const { correct, incorrect, undetermined } = report.summary;
  const total = correct + incorrect + undetermined;
  const skipped = report.notChecked.length;
  lines.push(`${total} claim${total === 1 ? '' : 's'}: ${correct} correct, ${incorrect} incorrect, ${undetermined} undetermined; ${skipped} math line${skipped === 1 ? '' : 's'} not checked (not a claim, a definition or a step${skipped > 0 ? ': --json lists them' : ''})`);
  return lines.map(printable).join('\n');
}

/** The report as JSON: the claims as `check --json` gives them, each with its document position; the math not checked. */
export function documentCheckJson(report: DocumentReport) {
  const base = checkJson({ claims: report.claims.map((entry) => entry.claim), summary: report.summary, errors: [], warnings: [] });
  return {
    claims: base.claims.map((claim, k) => {
      const { position, start, source } = report.claims[k]!;
      return { ...claim, line: position.line, column: position.col, ...(position.cell !== undefined ? { cell: position.cell } : {}), start_line: start.line, source: source.trim() };
    }),
    summary: { ...report.summary, not_checked: report.notChecked.length },
    not_checked: report.notChecked.map(({ position, reason }) => ({ line: position.line, column: position.col, ...(position.cell !== undefined ? { cell: position.cell } : {}), reason })),
  };
}

/** The report as one line per claim, `file:line:col: severity: message`, the form editors and CI problem matchers read. */
export function compactDocumentCheck(report: DocumentReport, name: string): string {
  return report.claims.map(({ claim, position, source }) => `${positionText(name, position)}: ${claim.verdict === 'correct' ? 'note' : 'error'}: ${compactMessage(claim, source.trim())}`).map(printable).join('\n');
}
