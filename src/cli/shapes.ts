/** `chainrule shapes`: the Jacobian shapes of a network, node by node, in numerator or denominator layout. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { networkShapes, type Layout } from '../explain/shapes.js';
import { parseNetwork } from '../nn/spec.js';
import { renderShapesText, shapesJson } from '../render/shapes.js';
import { EXIT, type Io, readText } from './io.js';

interface ShapesFlags {
  layout: string;
  json?: boolean;
}

/** Registers the shapes command. */
export function registerShapes(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('shapes')
    .description("every node's shape, its local Jacobians' shapes and the shape of ∂L/∂node, for a network spec")
    .argument('<network>', 'a network spec file (input, dense, loss lines); - reads standard input')
    .option('--layout <layout>', 'denominator (∂f/∂x is n_x × n_f, as the lectures) or numerator (n_f × n_x)', 'denominator')
    .option('--json', 'print JSON')
    .action((file: string, flags: ShapesFlags) => {
      if (flags.layout !== 'denominator' && flags.layout !== 'numerator') {
        throw new InputError('usage', `--layout must be numerator or denominator (got "${flags.layout}")`);
      }
      const text = file === '-' ? io.stdin() : readText(file);
      const network = parseNetwork(text, file === '-' ? 'standard input' : file);
      const report = networkShapes(network, flags.layout as Layout);
      io.out(flags.json ? JSON.stringify(shapesJson(report), null, 2) : renderShapesText(report));
      done(EXIT.ok);
    });
}
