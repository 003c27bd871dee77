/** `chainrule parse`: how an expression is read, fully parenthesised, with warnings for ambiguous forms. */
import type { Command } from 'commander';
import { buildProgram } from '../program.js';
import { readProgram } from '../build/program.js';
import { statementReading } from '../syntax/reading.js';
import { EXIT, formatOf, type Io, printWarnings, readSource, withFormat } from './io.js';

interface ParseFlags {
  format: string;
  json?: boolean;
  file?: string;
}

/** Registers the parse command. */
export function registerParse(program: Command, io: Io, done: (code: number) => void): void {
  withFormat(program.command('parse'), ['text', 'json'])
    .description('how an expression is read, fully parenthesised, with a warning for each ambiguous form')
    .argument('[expr]', 'the expression; - reads standard input')
    .option('--file <file>', 'read the expression from a file')
    .action((expr: string | undefined, flags: ParseFlags) => {
      const { source, sourceName } = readSource(io, expr, flags.file);
      const { statements, warnings } = readProgram(source, { sourceName });
      buildProgram(statements, source, { sourceName }); // names and functions are checked as every command checks them
      printWarnings(io, { warnings, sourceName });
      io.out(formatOf(flags) === 'json' ? `${JSON.stringify({ statements, warnings }, null, 2)}\n` : `${statements.map(statementReading).join('\n')}\n`);
      done(EXIT.ok);
    });
}
