/** `chainrule diff`: symbolic derivatives, readable, verified at random points. */
import type { Command } from 'commander';
import { diff, isTensorProgram, matrixDiff } from '../api.js';
import { renderMatrixDiff } from '../render/matrix-diff.js';
import { derivationsFor } from '../explain/steps.js';
import { renderDiff, type DiffFormat } from '../render/diff.js';
import { EXIT, choiceOption, formatOf, type Io, parseCount, parseNames, parsePositive, readSource, printWarnings, withFormat, DIMS_HELP } from './io.js';
import type { Layout } from '../tensor/shape.js';

interface DiffFlags {
  dims?: string;
  wrt?: string;
  format: string;
  json?: boolean;
  file?: string;
  points?: string;
  seed: string;
  symbolicTolerance?: string;
  fdTolerance?: string;
  steps?: boolean;
  layout?: string;
  entries?: boolean;
}

/** Registers the diff command. */
export function registerDiff(program: Command, io: Io, done: (code: number) => void): void {
  withFormat(program.command('diff'), ['text', 'latex', 'json'])
    .description('symbolic derivatives of an expression, simplified and cross-checked at random points')
    .argument('[expr]', 'the expression (bindings allowed: "q = x + y; f = q*z"); - reads standard input')
    .option('--wrt <vars>', 'variables to differentiate by, comma-separated (default: every variable)')
    .option('--file <file>', 'read the expression from a file')
    .option('--points <n>', 'random points to cross-check at (default 5; 3 random inputs for a tensor program)')
    .option('--seed <n>', 'seed for the random points', '1')
    .option('--symbolic-tolerance <r>', 'largest relative difference accepted between symbolic and reverse mode', '1e-12')
    .option('--fd-tolerance <r>', 'largest relative difference accepted against finite differences', '1e-6')
    .option('--steps', 'show the derivation rule by rule (sum, product, quotient, power, chain with "let u = …"), read from the differentiator\'s record')
    .option('--dims <shapes>', DIMS_HELP)
    .addOption(choiceOption('--layout <layout>', 'the layout of a Jacobian: numerator (a row for each entry of the output) or denominator; default numerator for a vector output, and gradients shaped like what they differentiate by', ['numerator', 'denominator']))
    .option('--entries', 'for a tensor program, the derivative of every entry on its own (∂L/∂W_1_1, …) instead of the matrix form')
    .action((expr: string | undefined, flags: DiffFlags) => {
      const format = formatOf<DiffFormat>(flags);
      const { source, sourceName } = readSource(io, expr, flags.file);
      if (!flags.entries && !flags.steps && isTensorProgram(source, { sourceName, dims: flags.dims })) {
        const result = matrixDiff(source, {
          sourceName,
          dims: flags.dims,
          wrt: flags.wrt === undefined ? undefined : parseNames(flags.wrt, '--wrt'),
          points: parseCount(flags.points ?? '3', '--points', 1),
          seed: parseCount(flags.seed, '--seed'),
          ...(flags.layout ? { layout: flags.layout as Layout } : {}),
        });
        printWarnings(io, { warnings: result.warnings, sourceName });
        io.out(renderMatrixDiff(result, format));
        done(result.agree ? EXIT.ok : EXIT.checkFailed); // nothing checked is not a success either
        return;
      }
      const result = diff(source, {
        sourceName,
        dims: flags.dims,
        wrt: flags.wrt === undefined ? undefined : parseNames(flags.wrt, '--wrt'),
        points: parseCount(flags.points ?? '5', '--points', 1),
        seed: parseCount(flags.seed, '--seed'),
        tolerances: {
          symbolicReverse: parsePositive(flags.symbolicTolerance ?? '1e-12', '--symbolic-tolerance'),
          finite: parsePositive(flags.fdTolerance ?? '1e-6', '--fd-tolerance'),
        },
      });
      printWarnings(io, result.program);
      const steps = flags.steps ? derivationsFor(result.program, result.derivatives) : undefined;
      io.out(renderDiff(result, format, steps));
      // not verified (no point of the domain could be sampled) is not a success: exit 1, as for a failed check
      done(result.verification.checks.length > 0 && result.verification.agree ? EXIT.ok : EXIT.checkFailed);
    });
}
