// Every command's --help ends with real examples and the exit codes, and the examples run as written.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const COMMANDS = ['diff', 'grad', 'trace', 'eval', 'parse', 'check', 'test', 'grade', 'solve', 'shapes', 'mlp', 'autograder'];

/** A shell command line's words (double quotes group). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!);
}

describe('cli: --help', () => {
  it.each(COMMANDS)('%s --help shows examples and the exit codes, and its examples on shipped files run', async (command) => {
    const help = await run([command, '--help']);
    expect(help.out).toContain('Examples:\n  $ chainrule ');
    expect(help.out).toContain('Exit codes: 0 success; 1 a check failed');
    const examples = help.out.split('\n').filter((line) => line.startsWith('  $ chainrule ')).map((line) => words(line.slice('  $ chainrule '.length)));
    for (const args of examples) {
      if (args.includes('>') || args.includes('--watch') || args.includes('-o')) continue; // they write files or wait
      const files = args.filter((arg) => /\.(txt|tex|md|net|json|problems|claims)$/.test(arg) || arg.endsWith('/'));
      if (!files.every((file) => existsSync(`${root}/${file}`))) continue; // a student's own file
      const result = await run(args.map((arg) => (files.includes(arg) ? `${root}/${arg}` : arg)));
      expect([0, 1], `chainrule ${args.join(' ')}: ${result.err}`).toContain(result.code);
    }
  }, 120_000);
});
