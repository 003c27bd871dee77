/** The command line: commander parses options, one library call does the work, a renderer prints it. */
import { Command, CommanderError } from 'commander';
import { formatError, InputError } from '../errors.js';
import { printableLines } from '../render/printable.js';
import { helpAfter } from './help.js';
import { EXIT, processIo, type Io } from './io.js';
import { version } from './version.js';

/** Registers one command on the program. */
type Register = (program: Command, io: Io, done: (code: number) => void) => void;

/**
 * Every command, in the order help lists them, loaded on demand: a run loads only the command it runs (help loads
 * them all), so that start-up does not pay for the libraries of the other commands.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  diff: async () => (await import('./diff.js')).registerDiff,
  grad: async () => (await import('./grad.js')).registerGrad,
  trace: async () => (await import('./trace.js')).registerTrace,
  eval: async () => (await import('./eval.js')).registerEval,
  parse: async () => (await import('./parse.js')).registerParse,
  check: async () => (await import('./check.js')).registerCheck,
  test: async () => (await import('./test.js')).registerTest,
  grade: async () => (await import('./grade.js')).registerGrade,
  solve: async () => (await import('./solve.js')).registerSolve,
  shapes: async () => (await import('./shapes.js')).registerShapes,
  mlp: async () => (await import('./mlp.js')).registerMlp,
  autograder: async () => (await import('./autograder.js')).registerAutograder,
};

/** The commands a run needs: the one named first, none for --version, all of them for help or anything else. */
function commandsFor(args: readonly string[]): string[] {
  const first = args[0];
  if (first !== undefined && first in COMMANDS && !args.includes('--help') && !args.includes('-h')) return [first];
  if (args.length === 1 && (first === '--version' || first === '-V')) return [];
  return Object.keys(COMMANDS);
}

/**
 * An expression that starts with a minus (`-x`, `-log(0.02623) = 3.5`, `-1+x`) is not an option: an argument with one
 * minus that is none of the command's short options is moved after a `--`, where commander reads it as an argument,
 * so options can still come anywhere. The value of an option that takes one (`--lr -1`) stays where it is.
 */
function expressionsLast(args: readonly string[], program?: Command): string[] {
  const command = program?.commands.find((c) => c.name() === args[0]);
  const options = [...(command?.options ?? []), ...(program?.options ?? [])];
  const flags = new Set([...options.flatMap((option) => [option.long, option.short]), '-h', '--help'].filter((flag): flag is string => flag !== undefined));
  const valued = new Set(options.filter((option) => option.required || option.optional).flatMap((option) => [option.long, option.short].filter((flag): flag is string => flag !== undefined)));
  // `--name` is always an option (a mistyped one is named as such); `-x` is one only if the command has it
  const isExpression = (arg: string, i: number) => arg.startsWith('-') && arg !== '-' && !arg.startsWith('--') && !flags.has(arg.split('=')[0]!) && !valued.has(args[i - 1]!);
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
  try {
    for (const register of await Promise.all(commandsFor(args).map((name) => COMMANDS[name]!()))) register(program, io, done);
    for (const command of program.commands) command.addHelpText('after', helpAfter(command.name()));
    await program.parseAsync(expressionsLast(args, program), { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof InputError) {
      io.err(printableLines(formatError(error))); // it may quote untrusted text: shown escaped
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
