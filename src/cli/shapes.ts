/** `chainrule shapes`: the Jacobian shapes of a network spec or a tensor expression, node by node, in numerator or denominator layout. */
import type { Command } from 'commander';
import { jacobianShapes, shapes } from '../api.js';
import type { Layout } from '../explain/shapes.js';
import { jacobianShapesJson, renderJacobianShapes } from '../render/jacobian-shapes.js';
import { renderShapesText, shapesJson } from '../render/shapes.js';
import { choiceOption, EXIT, formatOf, type Io, readSource, withFormat } from './io.js';

interface ShapesFlags {
  layout: string;
  dims?: string;
  format: string;
  json?: boolean;
  file?: string;
}

/** Registers the shapes command. */
export function registerShapes(program: Command, io: Io, done: (code: number) => void): void {
  withFormat(program.command('shapes'), ['text', 'json'])
    .description("every node's shape, its local Jacobians' shapes and the shape of the output's gradient by it, for a network spec or a tensor expression")
    .argument('[input]', 'a network spec file (.net, .spec or .txt: input, dense, loss lines), - (standard input), or a tensor expression')
    .addOption(choiceOption('--layout <layout>', 'denominator (∂f/∂x is n_x × n_f, as the lectures) or numerator (n_f × n_x)', ['denominator', 'numerator'], 'denominator'))
    .option('--file <file>', 'read the spec or expression from a file of any name')
    .option('--dims <shapes>', 'shapes of the expression\'s tensors, as in W=4x3,x=3 (a size alone is a column vector; X=3xB is a batch of a named size B, B=8 its value)')
    .action((input: string | undefined, flags: ShapesFlags) => {
      const layout = flags.layout as Layout;
      const named = input !== undefined && input !== '-' && flags.file === undefined && SPEC_FILE.test(input) ? input : undefined;
      const { source: text, sourceName } = readSource(io, named === undefined ? input : undefined, named ?? flags.file);
      const jacobians = jacobianShapes(text, { layout, dims: flags.dims, sourceName });
      if (jacobians) {
        io.out(formatOf(flags) === 'json' ? JSON.stringify(jacobianShapesJson(jacobians), null, 2) : renderJacobianShapes(jacobians));
        return done(jacobians.agree ? EXIT.ok : EXIT.checkFailed);
      }
      const report = shapes(text, { layout, dims: flags.dims, sourceName });
      io.out(formatOf(flags) === 'json' ? JSON.stringify(shapesJson(report), null, 2) : renderShapesText(report));
      done(EXIT.ok);
    });
}

/** An argument is read as a file only when it is meant as one: a name with a spec file's extension and no operators. */
const SPEC_FILE = /^[^\s=;:*+()']+\.(net|spec|txt)$/;
