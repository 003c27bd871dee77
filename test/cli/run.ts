// Runs the command line in-process and captures what it prints.
import { main } from '../../src/cli/main.js';

/** Output and exit code of one run of chainrule. */
export interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `chainrule <args>` with the given standard input. */
export async function run(args: string[], stdin = ''): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (text) => (out += text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => (err += text.endsWith('\n') ? text : `${text}\n`),
    stdin: () => stdin,
  });
  return { code, out, err };
}
