/** `chainrule diff`: symbolic derivatives, readable, verified at random points. */
import type { Command } from 'commander';
import { diff } from '../api.js';
import { derivationsFor } from '../explain/steps.js';
import { renderDiff, type DiffFormat } from '../render/diff.js';
import { EXIT, formatOf, type Io, parseCount, parseNames, parsePositive, readSource, printWarnings, withFormat, DIMS_HELP } from './io.js';

interface DiffFlags {
  dims?: string;
  wrt?: string;
  format: string;
  json?: boolean;
  file?: string;
  points: string;
  seed: string;
  symbolicTolerance?: string;
  fdTolerance?: string;
  steps?: boolean;
}

/** Registers the diff command. */
export function registerDiff(program: Command, io: Io, done: (code: number) => void): void {
  withFormat(program.command('diff'), ['text', 'latex', 'json'])
    .description('symbolic derivatives of an expression, simplified and cross-checked at random points')
    .argument('[expr]', 'the expression (bindings allowed: "q = x + y; f = q*z"); - reads standard input')
    .option('--wrt <vars>', 'variables to differentiate by, comma-separated (default: every variable)')
    .option('--file <file>', 'read the expression from a file')
    .option('--points <n>', 'random points to cross-check at', '5')
    .option('--seed <n>', 'seed for the random points', '1')
    .option('--symbolic-tolerance <r>', 'largest relative difference accepted between symbolic and reverse mode', '1e-12')
    .option('--fd-tolerance <r>', 'largest relative difference accepted against finite differences', '1e-6')
    .option('--steps', 'show the derivation rule by rule (sum, product, quotient, power, chain with "let u = …"), read from the differentiator\'s record')
    .option('--dims <shapes>', DIMS_HELP)
    .action((expr: string | undefined, flags: DiffFlags) => {
      const format = formatOf<DiffFormat>(flags);
      const { source, sourceName } = readSource(io, expr, flags.file);
      const result = diff(source, {
        sourceName,
        dims: flags.dims,
        wrt: flags.wrt === undefined ? undefined : parseNames(flags.wrt, '--wrt'),
        points: parseCount(flags.points, '--points', 1),
        seed: parseCount(flags.seed, '--seed'),
        tolerances: {
          symbolicReverse: parsePositive(flags.symbolicTolerance ?? '1e-12', '--symbolic-tolerance'),
          finite: parsePositive(flags.fdTolerance ?? '1e-6', '--fd-tolerance'),
        },
      });
      printWarnings(io, result.program);
      const steps = flags.steps ? derivationsFor(result.program, result.derivatives) : undefined;
      io.out(renderDiff(result, format, steps));
      const failed = result.verification.checks.length > 0 && !result.verification.agree;
      done(failed ? EXIT.checkFailed : EXIT.ok);
    });
}
