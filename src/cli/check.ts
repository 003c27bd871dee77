/** `chainrule check`: verdicts on claimed derivatives, values, identities and derivations. */
import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { checkClaims } from '../check/claims.js';
import { InputError } from '../errors.js';
import { renderCheck } from '../render/check.js';
import { type BoundFlags, boundsFrom, EXIT, type Io, parseCount, parsePositive, readSource, withBounds } from './io.js';

interface CheckFlags extends BoundFlags {
  json?: boolean;
  file?: string;
  rtol?: string;
  atol?: string;
  seed: string;
}

/** Registers the check command. */
export function registerCheck(program: Command, io: Io, done: (code: number) => void): void {
  withBounds(program.command('check'))
    .description('check claimed derivatives, values and derivations: correct, incorrect (with the right answer and a diagnosis) or undetermined')
    .argument('[claims]', 'a claims file, - for standard input, or one claim such as "d/dx (x^2) = 2x"')
    .option('--json', 'print JSON')
    .option('--file <file>', 'read the claims from a file')
    .option('--rtol <r>', 'judge numbers by this relative tolerance instead of the precision they are written with')
    .option('--atol <a>', 'judge numbers by this absolute tolerance instead of the precision they are written with')
    .option('--seed <n>', 'seed for the random points', '7')
    .action((claims: string | undefined, flags: CheckFlags) => {
      const isFile = claims !== undefined && claims !== '-' && flags.file === undefined && existsSync(claims) && statSync(claims).isFile();
      const { source, sourceName } = readSource(io, isFile ? undefined : claims, isFile ? claims : flags.file);
      const tolerance =
        flags.rtol === undefined && flags.atol === undefined
          ? undefined
          : { rtol: flags.rtol === undefined ? undefined : parsePositive(flags.rtol, '--rtol'), atol: flags.atol === undefined ? undefined : parsePositive(flags.atol, '--atol') };
      const report = checkClaims(source, {
        sourceName,
        tolerance,
        seed: parseCount(flags.seed, '--seed'),
        ...boundsFrom(flags),
      });
      if (claims !== undefined && !isFile && claims !== '-' && !claims.includes('=') && report.errors.length > 0) {
        // `chainrule check missing.txt`: no such file, and no claim either
        throw new InputError('io', `cannot read ${claims}: no such file, and it is not a claim either`, undefined, 'give a claims file that exists, or one claim such as "d/dx (x^2) = 2x"');
      }
      const { out, err } = renderCheck(report, flags.json ? 'json' : 'text', sourceName);
      if (err) io.err(err);
      io.out(out);
      const allCorrect = report.summary.incorrect === 0 && report.summary.undetermined === 0;
      done(report.errors.length > 0 ? EXIT.badInput : allCorrect ? EXIT.ok : EXIT.checkFailed);
    });
}
