/** The `--dims W=4x3,x=3` option: shape declarations given on the command line. */
import { InputError } from '../errors.js';
import { readDims, type TensorShape } from './shape.js';

/** One declared name with its shape; `vector` when written as one size (`x=3`), whose entries are named x_1, x_2, … */
export interface DeclaredShape {
  readonly name: string;
  readonly shape: TensorShape;
  readonly vector: boolean;
}

/** Limit on the entries of one declared tensor: each entry becomes a node of the scalar graph. */
export const MAX_ENTRIES = 1_000_000;

/** Reads `W=4x3,x=3` into declarations, with messages that point into the option's text. */
export function parseDimsOption(text: string, sourceName = '--dims'): DeclaredShape[] {
  const declared: DeclaredShape[] = [];
  let offset = 0;
  for (const part of text.split(',')) {
    const span = { offset, end: offset + Math.max(1, part.length), line: 1, col: offset + 1 };
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*[=:]\s*(\S+)\s*$/.exec(part);
    const dims = match ? readDims(match[2]!) : undefined;
    if (!match || !dims) {
      throw new InputError('usage', `"${part.trim()}" is not a shape declaration`, { source: text, span, sourceName }, 'write NAME=ROWSxCOLS for a matrix or NAME=SIZE for a column vector, as in W=4x3,x=3');
    }
    if (declared.some((d) => d.name === match[1])) {
      throw new InputError('usage', `${match[1]} is declared twice`, { source: text, span, sourceName }, 'give each name one shape');
    }
    declared.push({ name: match[1]!, ...dims });
    offset += part.length + 1;
  }
  return declared;
}
