/** `chainrule test`: hand-derived formulas as regression tests, with reporters CI systems read. */
import type { Command } from 'commander';
import { formulaFiles, runFormulaFiles } from '../check/formulas.js';
import { InputError } from '../errors.js';
import { renderTests, type Reporter } from '../render/test-report.js';
import { type BoundFlags, boundsFrom, EXIT, type Io, withBounds } from './io.js';

interface TestFlags extends BoundFlags {
  reporter: string;
}

/** Registers the test command. */
export function registerTest(program: Command, io: Io, done: (code: number) => void): void {
  withBounds(program.command('test'))
    .description('run formula files (functions and their hand-derived gradients, in claim syntax) as test cases')
    .argument('<files...>', 'formula files or glob patterns, e.g. "formulas/**/*.claims"')
    .option('--reporter <name>', 'default, tap or junit', 'default')
    .action((patterns: string[], flags: TestFlags) => {
      const reporter = flags.reporter as Reporter;
      if (!['default', 'tap', 'junit'].includes(reporter)) throw new InputError('usage', `--reporter must be default, tap or junit (got "${flags.reporter}")`);
      const files = runFormulaFiles(formulaFiles(patterns), boundsFrom(flags));
      io.out(renderTests(files, reporter));
      const unreadable = files.some(({ report }) => report.errors.length > 0);
      const failed = files.some(({ report }) => report.summary.incorrect + report.summary.undetermined > 0);
      done(unreadable ? EXIT.badInput : failed ? EXIT.checkFailed : EXIT.ok);
    });
}
