/** `chainrule check`: verdicts on claimed derivatives, values, identities and derivations. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { compactCheck, renderCheck } from '../render/check.js';
import { compactDocumentCheck, documentCheckJson, renderDocumentCheck } from '../render/document-check.js';
import { documentReport } from '../check/documents.js';
import { documentFormat, notebookCells, readDocument } from '../syntax/documents.js';
import { annotatedDoc } from '../explain/annotated.js';
import { renderStandaloneHtml } from '../node/katex.js';
import { basename, dirname, extname, join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { watchFile } from '../node/watch.js';
import { checkGuarded } from './guard.js';
import { type BoundFlags, boundsFrom, EXIT, formatOf, guardFrom, toleranceFrom, withFormat, withJudging, type Io, parseCount, readSource, withBounds } from './io.js';

interface CheckFlags extends BoundFlags {
  format: string;
  annotate?: boolean;
  watch?: boolean;
  json?: boolean;
  file?: string;
  rtol?: string;
  atol?: string;
  seed: string;
}

/**
 * An argument is read as a claims file only when it is meant as one: it has no = (every claim has one) and its name
 * ends in the extension of a claims file; anything else is a claim, and --file reads a file of any name.
 */
const CLAIMS_FILE = /\.(claims|txt|tex|latex|md|markdown|ipynb)$/i;

/** Registers the check command. */
export function registerCheck(program: Command, io: Io, done: (code: number) => void): void {
  withJudging(withFormat(withBounds(program.command('check')), ['text', 'json', 'compact']), '7')
    .description('check claimed derivatives, values and derivations: correct, incorrect (with the right answer and a diagnosis) or undetermined')
    .argument('[claims]', 'one claim such as "d/dx (x^2) = 2x", a claims file (.claims or .txt), a homework document (.tex, .md or .ipynb: its math is checked, prose skipped), or - for standard input')
    .option('--file <file>', 'read the claims from a file')
    .option('--watch', 'check the file again every time it is saved, printing what changed, until Ctrl-C')
    .option('--annotate', 'for a homework document: also write NAME.checked.html, the document with ✓ or ✗ beside each math line and why')
    .action(async (claims: string | undefined, flags: CheckFlags) => {
      const isFile = claims !== undefined && claims !== '-' && flags.file === undefined && !claims.includes('=') && CLAIMS_FILE.test(claims);
      if (claims !== undefined && claims !== '-' && !isFile && !claims.includes('=')) {
        throw new InputError('usage', `${claims} is not a claim (a claim has an =) nor the name of a claims file`, undefined, 'give one claim such as "d/dx (x^2) = 2x", a file whose name ends in .claims, .txt, .tex or .md, or --file F for any other file');
      }
      const { source, sourceName } = readSource(io, isFile ? undefined : claims, isFile ? claims : flags.file);
      const tolerance = toleranceFrom(flags);
      const options = { sourceName, tolerance, seed: parseCount(flags.seed, '--seed'), ...boundsFrom(flags) };
      const format = sourceName === undefined ? undefined : documentFormat(sourceName);
      if (flags.watch) {
        if (sourceName === undefined || claims === '-') throw new InputError('usage', '--watch needs a file to watch', undefined, 'give the file, as in chainrule check hw.tex --watch');
        await watchFile(sourceName, async () => paragraphsOf(await checkFileNow(sourceName, format, options, flags)), (text) => io.out(text));
        return done(EXIT.ok);
      }
      if (format) {
        // a homework document: its math checked, reported at its own lines; prose and unreadable math never fail the run
        const document = readDocument(source, format);
        const [checked] = await checkGuarded([{ text: document.text, options: { ...options, document: true } }], guardFrom(flags));
        const report = documentReport(document, checked!);
        const shown = formatOf(flags);
        io.out(shown === 'json' ? JSON.stringify(documentCheckJson(report), null, 2) : shown === 'compact' ? compactDocumentCheck(report, sourceName!) : renderDocumentCheck(report, sourceName!));
        if (flags.annotate) {
          const target = annotatedName(sourceName!);
          const doc = annotatedDoc(basename(sourceName!), document, report, { text: source, ...(format === 'notebook' ? { cells: notebookCells(source) } : {}) });
          writeText(target, await renderStandaloneHtml([doc]));
          io.err(`wrote ${target}`);
        }
        return done(report.summary.incorrect === 0 && report.summary.undetermined === 0 ? EXIT.ok : EXIT.checkFailed);
      }
      const [report] = await checkGuarded([{ text: source, options }], guardFrom(flags));
      const { out, err } = formatOf(flags) === 'compact' ? compactCheck(report!, sourceName ?? (claims === '-' ? 'stdin' : 'claim')) : renderCheck(report!, formatOf(flags), sourceName);
      if (err) io.err(err);
      io.out(out);
      const allCorrect = report.summary.incorrect === 0 && report.summary.undetermined === 0;
      done(report.errors.length > 0 ? EXIT.badInput : allCorrect ? EXIT.ok : EXIT.checkFailed);
    });
}

/** hw.tex → hw.checked.html, beside it. */
function annotatedName(file: string): string {
  return join(dirname(file), `${basename(file, extname(file))}.checked.html`);
}

function writeText(file: string, content: string): void {
  try {
    writeFileSync(file, content);
  } catch (error) {
    throw new InputError('io', `cannot write ${file}: ${(error as Error).message}`);
  }
}

/** The file checked as it is now: its report as text (a document's, or a claims file's with its unreadable lines). */
async function checkFileNow(file: string, format: ReturnType<typeof documentFormat>, options: Parameters<typeof checkGuarded>[0][number]['options'], flags: CheckFlags): Promise<string> {
  const source = readFileSync(file, 'utf8');
  if (format) {
    const document = readDocument(source, format);
    const [checked] = await checkGuarded([{ text: document.text, options: { ...options, document: true } }], guardFrom(flags));
    return renderDocumentCheck(documentReport(document, checked!), file);
  }
  const [report] = await checkGuarded([{ text: source, options }], guardFrom(flags));
  const { out, err } = renderCheck(report!, 'text', file);
  return err === '' ? out : `${err}\n${out}`;
}

/** A report's paragraphs (a claim's line and the indented lines under it), the summary last. */
function paragraphsOf(report: string): string[] {
  const paragraphs: string[] = [];
  for (const line of report.split('\n')) {
    if (/^\s/.test(line) && paragraphs.length > 0) paragraphs[paragraphs.length - 1] += `\n${line}`;
    else paragraphs.push(line);
  }
  return paragraphs;
}
