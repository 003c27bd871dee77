/** `chainrule grad`: value and gradient at a point, computed three ways and cross-checked. */
import type { Command } from 'commander';
import { gradient } from '../api.js';
import { renderGrad } from '../render/grad.js';
import { EXIT, formatOf, type Io, parseNames, parsePositive, readSource, printWarnings, withFormat, DIMS_HELP } from './io.js';

interface GradFlags {
  dims?: string;
  at?: string;
  wrt?: string;
  format: string;
  json?: boolean;
  file?: string;
  symbolicTolerance: string;
  fdTolerance: string;
}

/** Registers the grad command. */
export function registerGrad(program: Command, io: Io, done: (code: number) => void): void {
  withFormat(program.command('grad'), ['text', 'json'])
    .description('value and gradient at a point: symbolic, reverse mode and finite differences, compared')
    .argument('[expr]', 'the expression; - reads standard input')
    .option('--at <values>', 'the point, as x=1,y=-2 (values may be constant expressions such as pi/4)')
    .option('--wrt <vars>', 'variables to differentiate by (default: every variable)')
    .option('--file <file>', 'read the expression from a file')
    .option('--symbolic-tolerance <r>', 'largest relative difference accepted between symbolic and reverse mode', '1e-12')
    .option('--fd-tolerance <r>', 'largest relative difference accepted against finite differences', '1e-6')
    .option('--dims <shapes>', DIMS_HELP)
    .action((expr: string | undefined, flags: GradFlags) => {
      const { source, sourceName } = readSource(io, expr, flags.file);
      const result = gradient(source, flags.at ?? '', {
        sourceName,
        dims: flags.dims,
        wrt: flags.wrt === undefined ? undefined : parseNames(flags.wrt, '--wrt'),
        tolerances: {
          symbolicReverse: parsePositive(flags.symbolicTolerance, '--symbolic-tolerance'),
          finite: parsePositive(flags.fdTolerance, '--fd-tolerance'),
        },
      });
      printWarnings(io, result.program);
      const { check } = result;
      io.out(renderGrad(result, formatOf(flags)));
      done(check.agree ? EXIT.ok : EXIT.checkFailed);
    });
}
