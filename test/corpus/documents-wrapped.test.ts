// The claims corpora run as homework documents: each claims file wrapped in a Markdown homework (prose, plain lines in
// ```chainrule blocks, LaTeX lines in $$ blocks) and, where it is all LaTeX, in a LaTeX document (align* and \[ \]),
// must give the same verdicts at the same lines as the claims file itself.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../src/check/documents.js';
import { checkClaims } from '../../src/engines.js';
import { readDocument, type DocumentFormat } from '../../src/syntax/documents.js';

const isLatex = (line: string) => /[\\{}$&]/.test(line);

/** A claims text as a Markdown homework, and the claims line of each document line. */
function asMarkdown(text: string): { document: string; lineOf: Map<number, number> } {
  const out = ['---', 'student: Test Student', '---', '# Homework', '', 'Answers below; $n$ is the number of steps.', ''];
  const lineOf = new Map<number, number>();
  let fenced = false;
  const close = () => {
    if (fenced) out.push('```');
    fenced = false;
  };
  text.split('\n').forEach((line, index) => {
    if (/^\s*[#%]/.test(line) || line.trim() === '') {
      close();
      out.push(`Note: ${line.replace(/^\s*[#%]\s*/, '')}`, '');
    } else if (isLatex(line)) {
      close();
      out.push('$$');
      lineOf.set(out.length + 1, index + 1);
      out.push(line, '$$', '');
    } else {
      if (!fenced) out.push('```chainrule');
      fenced = true;
      lineOf.set(out.length + 1, index + 1);
      out.push(line);
    }
  });
  close();
  return { document: out.join('\n'), lineOf };
}

/** An all-LaTeX claims text as a LaTeX document: derivations in align*, other lines in \[ \]. */
function asLatex(text: string): { document: string; lineOf: Map<number, number> } {
  const out = ['\\documentclass{article}', '\\usepackage{amsmath}', '\\begin{document}', '\\section{Answers}', 'Here $n$ is the number of steps.', ''];
  const lineOf = new Map<number, number>();
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (/^\s*%/.test(line) || line.trim() === '') return void out.push(line.replace(/^\s*%/, '% '));
    const continues = (k: number) => /^\s*&?\s*=/.test(lines[k] ?? '');
    if (!continues(index) && !continues(index + 1)) {
      lineOf.set(out.length + 1, index + 1);
      return void out.push(`\\[ ${line} \\]`);
    }
    if (!continues(index)) out.push('\\begin{align*}');
    lineOf.set(out.length + 1, index + 1);
    out.push(`${line}${continues(index + 1) ? ' \\\\' : ''}`);
    if (!continues(index + 1)) out.push('\\end{align*}');
  });
  out.push('\\end{document}');
  return { document: out.join('\n'), lineOf };
}

function sameVerdicts(text: string, wrapped: { document: string; lineOf: Map<number, number> }, format: DocumentFormat): [string[], string[]] {
  const plain = checkClaims(text).claims.map((claim) => `${claim.line}:${claim.verdict}`);
  const document = checkDocument(readDocument(wrapped.document, format)).claims.map(({ claim, position }) => `${wrapped.lineOf.get(position.line) ?? `document line ${position.line}`}:${claim.verdict}`);
  return [document, plain];
}

const students = readFileSync(new URL('./student/cases.jsonl', import.meta.url), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: string; text: string });
const matrix = (JSON.parse(readFileSync(new URL('./matrix/cases.json', import.meta.url), 'utf8')) as { id: string; plain: string; latex?: string }[]);

describe('the claims corpora as homework documents', () => {
  it('student claims files wrapped in Markdown give the verdicts of the claims files', () => {
    for (const { id, text } of students) {
      const [document, plain] = sameVerdicts(text, asMarkdown(text), 'markdown');
      expect(document, id).toEqual(plain);
    }
  });

  it('LaTeX claims files wrapped in a LaTeX document give the verdicts of the claims files', () => {
    const latex = students.filter(({ text }) => text.split('\n').every((line) => line.trim() === '' || /^\s*%/.test(line) || isLatex(line)));
    expect(latex.length).toBeGreaterThan(5);
    for (const { id, text } of latex) {
      const [document, plain] = sameVerdicts(text, asLatex(text), 'latex');
      expect(document, id).toEqual(plain);
    }
  });

  it('matrix claims files wrapped in Markdown and LaTeX give the verdicts of the claims files', () => {
    for (const { id, plain: text, latex } of matrix) {
      const [document, plain] = sameVerdicts(text, asMarkdown(text), 'markdown');
      expect(document, id).toEqual(plain);
      if (latex === undefined) continue;
      const [inLatex, alone] = sameVerdicts(latex, asLatex(latex), 'latex');
      expect(inLatex, `${id} (LaTeX)`).toEqual(alone);
    }
  });
});
