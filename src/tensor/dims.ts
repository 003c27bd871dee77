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

/** The named sizes `--dims` gives a value: `B=4` where another entry uses B as a size (`X=3xB`). */
export function sizesOf(text: string): Map<string, number> {
  const entries = text.split(',').map((part) => /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*[=:]\s*(\S+)\s*$/.exec(part));
  const used = new Set(entries.flatMap((match) => (match ? [/[x×]([A-Za-z_][A-Za-z0-9_]*)$/.exec(match[2]!)?.[1]] : [])).filter((name): name is string => name !== undefined));
  const sizes = new Map<string, number>();
  for (const match of entries) if (match && used.has(match[1]!) && /^[0-9]+$/.test(match[2]!)) sizes.set(match[1]!, Number(match[2]));
  return sizes;
}

/** Reads `W=4x3,x=3` (and `X=3xB,B=8`, a named size) into declarations, with messages that point into the option's text. */
export function parseDimsOption(text: string, sourceName = '--dims'): DeclaredShape[] {
  const declared: DeclaredShape[] = [];
  const sizes = sizesOf(text);
  let offset = 0;
  for (const part of text.split(',')) {
    const span = { offset, end: offset + Math.max(1, part.length), line: 1, col: offset + 1 };
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*[=:]\s*(\S+)\s*$/.exec(part);
    if (match && sizes.has(match[1]!)) {
      offset += part.length + 1;
      continue; // B=8: the value of a named size, not a tensor
    }
    const dims = match ? readDims(match[2]!, sizes) : undefined;
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
