/** `chainrule check`: verdicts on claimed derivatives, values, identities and derivations. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { renderCheck } from '../render/check.js';
import { checkGuarded } from './guard.js';
import { type BoundFlags, boundsFrom, EXIT, guardFrom, type Io, parseCount, parsePositive, readSource, withBounds } from './io.js';

interface CheckFlags extends BoundFlags {
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
const CLAIMS_FILE = /\.(claims|txt|tex|latex|md|markdown)$/i;

/** Registers the check command. */
export function registerCheck(program: Command, io: Io, done: (code: number) => void): void {
  withBounds(program.command('check'))
    .description('check claimed derivatives, values and derivations: correct, incorrect (with the right answer and a diagnosis) or undetermined')
    .argument('[claims]', 'one claim such as "d/dx (x^2) = 2x", a claims file (.claims, .txt, .tex or .md), or - for standard input')
    .option('--json', 'print JSON')
    .option('--file <file>', 'read the claims from a file')
    .option('--rtol <r>', 'judge numbers by this relative tolerance instead of the precision they are written with')
    .option('--atol <a>', 'judge numbers by this absolute tolerance instead of the precision they are written with')
    .option('--seed <n>', 'seed for the random points', '7')
    .action(async (claims: string | undefined, flags: CheckFlags) => {
      const isFile = claims !== undefined && claims !== '-' && flags.file === undefined && !claims.includes('=') && CLAIMS_FILE.test(claims);
      if (claims !== undefined && claims !== '-' && !isFile && !claims.includes('=')) {
        throw new InputError('usage', `${claims} is not a claim (a claim has an =) nor the name of a claims file`, undefined, 'give one claim such as "d/dx (x^2) = 2x", a file whose name ends in .claims, .txt, .tex or .md, or --file F for any other file');
      }
      const { source, sourceName } = readSource(io, isFile ? undefined : claims, isFile ? claims : flags.file);
      const tolerance =
        flags.rtol === undefined && flags.atol === undefined
          ? undefined
          : { rtol: flags.rtol === undefined ? undefined : parsePositive(flags.rtol, '--rtol'), atol: flags.atol === undefined ? undefined : parsePositive(flags.atol, '--atol') };
      const options = { sourceName, tolerance, seed: parseCount(flags.seed, '--seed'), ...boundsFrom(flags) };
      const [report] = await checkGuarded([{ text: source, options }], guardFrom(flags));
      const { out, err } = renderCheck(report, flags.json ? 'json' : 'text', sourceName);
      if (err) io.err(err);
      io.out(out);
      const allCorrect = report.summary.incorrect === 0 && report.summary.undetermined === 0;
      done(report.errors.length > 0 ? EXIT.badInput : allCorrect ? EXIT.ok : EXIT.checkFailed);
    });
}
