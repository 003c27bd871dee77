/** `chainrule check`: verdicts on claimed derivatives, values, identities and derivations. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { renderCheck } from '../render/check.js';
import { documentCheckJson, renderDocumentCheck } from '../render/document-check.js';
import { documentReport } from '../check/documents.js';
import { documentFormat, readDocument } from '../syntax/documents.js';
import { checkGuarded } from './guard.js';
import { type BoundFlags, boundsFrom, EXIT, formatOf, guardFrom, toleranceFrom, withFormat, withJudging, type Io, parseCount, readSource, withBounds } from './io.js';

interface CheckFlags extends BoundFlags {
  format: string;
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
  withJudging(withFormat(withBounds(program.command('check')), ['text', 'json']), '7')
    .description('check claimed derivatives, values and derivations: correct, incorrect (with the right answer and a diagnosis) or undetermined')
    .argument('[claims]', 'one claim such as "d/dx (x^2) = 2x", a claims file (.claims or .txt), a homework document (.tex, .md or .ipynb: its math is checked, prose skipped), or - for standard input')
    .option('--file <file>', 'read the claims from a file')
    .action(async (claims: string | undefined, flags: CheckFlags) => {
      const isFile = claims !== undefined && claims !== '-' && flags.file === undefined && !claims.includes('=') && CLAIMS_FILE.test(claims);
      if (claims !== undefined && claims !== '-' && !isFile && !claims.includes('=')) {
        throw new InputError('usage', `${claims} is not a claim (a claim has an =) nor the name of a claims file`, undefined, 'give one claim such as "d/dx (x^2) = 2x", a file whose name ends in .claims, .txt, .tex or .md, or --file F for any other file');
      }
      const { source, sourceName } = readSource(io, isFile ? undefined : claims, isFile ? claims : flags.file);
      const tolerance = toleranceFrom(flags);
      const options = { sourceName, tolerance, seed: parseCount(flags.seed, '--seed'), ...boundsFrom(flags) };
      const format = sourceName === undefined ? undefined : documentFormat(sourceName);
      if (format) {
        // a homework document: its math checked, reported at its own lines; prose and unreadable math never fail the run
        const document = readDocument(source, format);
        const [checked] = await checkGuarded([{ text: document.text, options }], guardFrom(flags));
        const report = documentReport(document, checked!);
        io.out(formatOf(flags) === 'json' ? JSON.stringify(documentCheckJson(report), null, 2) : renderDocumentCheck(report, sourceName!));
        return done(report.summary.incorrect === 0 && report.summary.undetermined === 0 ? EXIT.ok : EXIT.checkFailed);
      }
      const [report] = await checkGuarded([{ text: source, options }], guardFrom(flags));
      const { out, err } = renderCheck(report, formatOf(flags), sourceName);
      if (err) io.err(err);
      io.out(out);
      const allCorrect = report.summary.incorrect === 0 && report.summary.undetermined === 0;
      done(report.errors.length > 0 ? EXIT.badInput : allCorrect ? EXIT.ok : EXIT.checkFailed);
    });
}
