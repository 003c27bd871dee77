/** `chainrule test`: hand-derived formulas as regression tests, with reporters CI systems read. */
import type { Command } from 'commander';
import { formulaFiles, readFormulaFile } from '../check/formulas.js';
import { InputError } from '../errors.js';
import { renderTests, type Reporter } from '../render/test-report.js';
import { checkGuarded } from './guard.js';
import { type BoundFlags, boundsFrom, EXIT, guardFrom, type Io, withBounds } from './io.js';

interface TestFlags extends BoundFlags {
  reporter: string;
}

/** Registers the test command. */
export function registerTest(program: Command, io: Io, done: (code: number) => void): void {
  withBounds(program.command('test'))
    .description('run formula files (functions and their hand-derived gradients, in claim syntax) as test cases')
    .argument('<files...>', 'formula files or glob patterns, e.g. "formulas/**/*.claims"')
    .option('--reporter <name>', 'default, tap or junit', 'default')
    .action(async (patterns: string[], flags: TestFlags) => {
      const reporter = flags.reporter as Reporter;
      if (!['default', 'tap', 'junit'].includes(reporter)) throw new InputError('usage', `--reporter must be default, tap or junit (got "${flags.reporter}")`);
      const names = formulaFiles(patterns);
      const reports = await checkGuarded(names.map((file) => ({ text: readFormulaFile(file), options: { ...boundsFrom(flags), sourceName: file } })), guardFrom(flags));
      const files = names.map((file, index) => ({ file, report: reports[index]! }));
      io.out(renderTests(files, reporter));
      const unreadable = files.some(({ report }) => report.errors.length > 0);
      const failed = files.some(({ report }) => report.summary.incorrect + report.summary.undetermined > 0);
      done(unreadable ? EXIT.badInput : failed ? EXIT.checkFailed : EXIT.ok);
    });
}
