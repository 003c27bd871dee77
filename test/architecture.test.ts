// The shape of the house: data flows one way (text → graph → engines → check/explain → render → CLI), with no import
// circle; explanations never import renderers; the two engines a cross-check compares share no code; the front end
// imports no engine; the core (everything but the command line, the Node entry and the benchmarks) uses nothing of Node.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** Every source file (generated grammars included), relative to src/. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [relative(SRC, path)] : [];
  });
}

/** What a file imports (types too): other source files relative to src/, and packages by name. */
function importsOf(file: string): { files: string[]; packages: string[] } {
  const text = readFileSync(join(SRC, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2]!);
  const files = specifiers.filter((s) => s.startsWith('.')).map((s) => relative(SRC, resolve(dirname(join(SRC, file)), s)).replace(/\.js$/, '.ts'));
  return { files, packages: specifiers.filter((s) => !s.startsWith('.')) };
}

const files = sourceFiles();
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const under = (folder: string) => (file: string) => file.startsWith(`${folder}/`);
const importing = (from: (file: string) => boolean, to: (file: string) => boolean) =>
  files.filter(from).flatMap((file) => graph.get(file)!.files.filter(to).map((target) => `${file} → ${target}`));

describe('architecture', () => {
  it('has no import circle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file)?.files ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('resolves every relative import to a source file', () => {
    const missing = files.flatMap((file) => graph.get(file)!.files.filter((target) => !graph.has(target)).map((target) => `${file} → ${target}`));
    expect(missing).toEqual([]);
  });

  it('keeps explanations apart from renderers: src/explain never imports src/render', () => {
    expect(importing(under('explain'), under('render'))).toEqual([]);
  });

  it('keeps the engines a cross-check compares apart: symbolic/ and numeric/ share no code', () => {
    expect([...importing(under('symbolic'), under('numeric')), ...importing(under('numeric'), under('symbolic'))]).toEqual([]);
  });

  it('keeps the front end before the engines: syntax/ and build/ import no engine, check, explanation or renderer', () => {
    const later = (file: string) => ['symbolic', 'numeric', 'check', 'explain', 'render', 'cli', 'nn'].some((folder) => file.startsWith(`${folder}/`));
    expect(importing((file) => under('syntax')(file) || under('build')(file), later)).toEqual([]);
  });

  it('keeps the core free of Node: only the command line, the Node entry and the benchmarks use node:*', () => {
    const node = (file: string) => ['cli/', 'bench/', 'node/'].some((folder) => file.startsWith(folder)) || file === 'node.ts';
    const offenders = files.filter((file) => !node(file)).flatMap((file) => graph.get(file)!.packages.filter((name) => name.startsWith('node:')).map((name) => `${file} → ${name}`));
    expect(offenders).toEqual([]);
  });
});
