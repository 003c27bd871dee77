/** `chainrule grad`: value and gradient at a point, computed three ways and cross-checked. */
import type { Command } from 'commander';
import { crossCheck } from '../check/crosscheck.js';
import { InputError } from '../errors.js';
import { parse } from '../program.js';
import { variablesNamed } from '../graph/program.js';
import { evaluate } from '../numeric/evaluate.js';
import { parsePoint } from '../build/point.js';
import { renderGrad } from '../render/grad.js';
import { EXIT, type Io, parseNames, parsePositive, readSource, printWarnings, dimsFrom, DIMS_HELP } from './io.js';

interface GradFlags {
  dims?: string;
  at?: string;
  wrt?: string;
  json?: boolean;
  file?: string;
  symbolicTolerance: string;
  fdTolerance: string;
}

/** Registers the grad command. */
export function registerGrad(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('grad')
    .description('value and gradient at a point: symbolic, reverse mode and finite differences, compared')
    .argument('[expr]', 'the expression; - reads standard input')
    .option('--at <values>', 'the point, as x=1,y=-2 (values may be constant expressions such as pi/4)')
    .option('--wrt <vars>', 'variables to differentiate by (default: every variable)')
    .option('--json', 'print JSON')
    .option('--file <file>', 'read the expression from a file')
    .option('--symbolic-tolerance <r>', 'largest relative difference accepted between symbolic and reverse mode', '1e-12')
    .option('--fd-tolerance <r>', 'largest relative difference accepted against finite differences', '1e-6')
    .option('--dims <shapes>', DIMS_HELP)
    .action((expr: string | undefined, flags: GradFlags) => {
      const { source, sourceName } = readSource(io, expr, flags.file);
      const parsed = parse(source, { sourceName, ...dimsFrom(flags) });
      printWarnings(io, parsed);
      const point = flags.at === undefined ? {} : parsePoint(flags.at);
      if (flags.at === undefined && parsed.variables.length > 0) {
        throw new InputError('missing-value', `grad needs a point: give every variable a value with --at`, undefined, `for example --at ${parsed.variables.map((v) => `${v}=1`).join(',')}`);
      }
      const evaluation = evaluate(parsed, point);
      const check = crossCheck(parsed, point, {
        variables: flags.wrt === undefined ? undefined : variablesNamed(parsed, parseNames(flags.wrt, '--wrt')),
        tolerances: {
          symbolicReverse: parsePositive(flags.symbolicTolerance, '--symbolic-tolerance'),
          finite: parsePositive(flags.fdTolerance, '--fd-tolerance'),
        },
      });
      io.out(renderGrad({ program: parsed, evaluation, check }, flags.json ? 'json' : 'text'));
      done(check.agree ? EXIT.ok : EXIT.checkFailed);
    });
}
