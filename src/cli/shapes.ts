/** `chainrule shapes`: the Jacobian shapes of a network spec or a tensor expression, node by node, in numerator or denominator layout. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { shapes } from '../api.js';
import type { Layout } from '../explain/shapes.js';
import { renderShapesText, shapesJson } from '../render/shapes.js';
import { EXIT, type Io, readText } from './io.js';

interface ShapesFlags {
  layout: string;
  dims?: string;
  json?: boolean;
}

/** Registers the shapes command. */
export function registerShapes(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('shapes')
    .description("every node's shape, its local Jacobians' shapes and the shape of the output's gradient by it, for a network spec or a tensor expression")
    .argument('<input>', 'a network spec file (input, dense, loss lines), a file or - (standard input) holding either, or a tensor expression')
    .option('--layout <layout>', 'denominator (∂f/∂x is n_x × n_f, as the lectures) or numerator (n_f × n_x)', 'denominator')
    .option('--dims <shapes>', 'shapes of the expression\'s tensors, as in W=4x3,x=3 (a size alone is a column vector; X=3xB is a batch of a named size B, B=8 its value)')
    .option('--json', 'print JSON')
    .action((input: string, flags: ShapesFlags) => {
      if (flags.layout !== 'denominator' && flags.layout !== 'numerator') {
        throw new InputError('usage', `--layout must be numerator or denominator (got "${flags.layout}")`);
      }
      const layout = flags.layout as Layout;
      const fromFile = input === '-' || looksLikeFile(input);
      const text = input === '-' ? io.stdin() : fromFile ? readText(input) : input;
      const sourceName = input === '-' ? 'standard input' : fromFile ? input : undefined;
      const report = shapes(text, { layout, dims: flags.dims, sourceName });
      io.out(flags.json ? JSON.stringify(shapesJson(report), null, 2) : renderShapesText(report));
      done(EXIT.ok);
    });
}

/** An existing file, or a name that can only be a path (a spec file's extension, a slash, no operators or blanks). */
function looksLikeFile(input: string): boolean {
  return existsSync(input) || /^[^\s=;:*+()']+\.(net|txt|spec)$/.test(input) || /^[^\s=;:*+()']*\/[^\s=;:*+()']*$/.test(input);
}
