// Reading the peers' tab-separated files (../shared/peers), by column name.
import { readFileSync } from 'node:fs';

/** The rows of a TSV file as records of the named columns, with their line numbers; a missing column is an error. */
export function readTable<Column extends string>(file: string, columns: readonly Column[]): (Record<Column, string> & { line: number })[] {
  const [header, ...lines] = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const names = header!.split('\t');
  const indices = columns.map((name) => {
    const index = names.indexOf(name);
    if (index < 0) throw new Error(`${file}: no column "${name}" in the header`);
    return index;
  });
  return lines.map((line, i) => {
    const cells = line.split('\t');
    return { line: i + 2, ...Object.fromEntries(columns.map((name, k) => [name, cells[indices[k]!]!])) } as Record<Column, string> & { line: number };
  });
}
