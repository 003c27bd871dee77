/** The command line: commander parses options, one library call does the work, a renderer prints it. */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { formatError, InputError } from '../errors.js';
import { registerCheck } from './check.js';
import { registerDiff } from './diff.js';
import { registerEval } from './eval.js';
import { registerGrad } from './grad.js';
import { registerGrade } from './grade.js';
import { registerMlp } from './mlp.js';
import { registerShapes } from './shapes.js';
import { registerSolve } from './solve.js';
import { registerTest } from './test.js';
import { registerTrace } from './trace.js';
import { EXIT, processIo, type Io } from './io.js';


function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/**
 * An expression that starts with a minus (`-log(0.02623) = 3.5`, `-1+x`) is not an option: such arguments are moved
 * after a `--`, where commander reads them as arguments, so options can still come anywhere. The value of an option
 * that takes one (`--lr -1`, `--seed -3`) stays where it is, so that the option reports it.
 */
function expressionsLast(args: readonly string[], program?: Command): string[] {
  const command = program?.commands.find((c) => c.name() === args[0]);
  const valued = new Set(command?.options.filter((option) => option.required || option.optional).flatMap((option) => [option.long, option.short].filter((flag): flag is string => flag !== undefined)));
  const isExpression = (arg: string, i: number) =>
    arg.startsWith('-') && arg !== '-' && arg !== '--' && !/^--?[A-Za-z][\w-]*(=.*)?$/.test(arg) && !valued.has(args[i - 1]);
  const separator = args.indexOf('--');
  const head = separator === -1 ? args : args.slice(0, separator);
  const tail = separator === -1 ? [] : args.slice(separator + 1);
  const expressions = head.filter(isExpression);
  if (expressions.length === 0) return [...args];
  return [...head.filter((arg, i) => !isExpression(arg, i)), '--', ...expressions, ...tail];
}

/** Runs chainrule with command-line arguments (without node and script) and returns the exit code. */
export async function main(args: readonly string[], io: Io = processIo): Promise<number> {
  let code: number = EXIT.ok;
  const done = (result: number) => {
    code = result;
  };
  const program = new Command()
    .name('chainrule')
    .description('Checks derivatives: one computational graph, differentiated three independent ways and cross-checked.')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .showSuggestionAfterError(true);
  registerDiff(program, io, done);
  registerGrad(program, io, done);
  registerTrace(program, io, done);
  registerEval(program, io, done);
  registerCheck(program, io, done);
  registerTest(program, io, done);
  registerGrade(program, io, done);
  registerSolve(program, io, done);
  registerShapes(program, io, done);
  registerMlp(program, io, done);
  try {
    await program.parseAsync(expressionsLast(args, program), { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof InputError) {
      io.err(formatError(error));
      return EXIT.badInput;
    }
    if (error instanceof CommanderError) {
      const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      return quiet ? EXIT.ok : EXIT.badInput;
    }
    io.err(`internal error: ${(error as Error).message ?? String(error)}\nThis is a bug in chainrule; please report it with the command you ran.`);
    return EXIT.internal;
  }
}
