/** `chainrule test`: hand-derived formulas as regression tests, with reporters CI systems read. */
import type { Command } from 'commander';
import { formulaFiles, readFormulaFile } from '../node/formulas.js';
import { renderTests, REPORTERS, type Reporter } from '../render/test-report.js';
import { checkGuarded } from './guard.js';
import { type BoundFlags, boundsFrom, choiceOption, EXIT, guardFrom, type Io, parseCount, toleranceFrom, withBounds, withJudging } from './io.js';

interface TestFlags extends BoundFlags {
  reporter: string;
  json?: boolean;
  rtol?: string;
  atol?: string;
  seed: string;
}

/** Registers the test command. */
export function registerTest(program: Command, io: Io, done: (code: number) => void): void {
  withJudging(withBounds(program.command('test')), '7')
    .description('run formula files (functions and their hand-derived gradients, in claim syntax) as test cases')
    .argument('<files...>', 'formula files or glob patterns, e.g. "formulas/**/*.claims"')
    .addOption(choiceOption('--reporter <name>', 'how the results are written', REPORTERS, 'default'))
    .option('--json', 'print the results as JSON (the same as --reporter json)')
    .action(async (patterns: string[], flags: TestFlags) => {
      const reporter = (flags.json ? 'json' : flags.reporter) as Reporter;
      const options = { ...boundsFrom(flags), tolerance: toleranceFrom(flags), seed: parseCount(flags.seed, '--seed') };
      const names = formulaFiles(patterns);
      const reports = await checkGuarded(names.map((file) => ({ text: readFormulaFile(file), options: { ...options, sourceName: file } })), guardFrom(flags));
      const files = names.map((file, index) => ({ file, report: reports[index]! }));
      io.out(renderTests(files, reporter));
      const unreadable = files.some(({ report }) => report.errors.length > 0);
      const failed = files.some(({ report }) => report.summary.incorrect + report.summary.undetermined > 0);
      done(unreadable ? EXIT.badInput : failed ? EXIT.checkFailed : EXIT.ok);
    });
}
