/** `chainrule solve`: worked solutions of problem sets (the shipped lecture examples by default), in Markdown, HTML, LaTeX or JSON. */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { mergeProblemSets, parseProblems } from '../check/problems.js';
import { InputError } from '../errors.js';
import type { Doc } from '../explain/document.js';
import { solutionDoc, type Picture } from '../explain/solution-doc.js';
import { solutionJson } from '../explain/solution-json.js';
import { solveProblem, type ProblemSolution } from '../explain/solve.js';
import { matrixSolutionDoc, matrixSolutionJson, solveMatrixProblem, type MatrixSolution } from '../explain/solve-matrix.js';
import { katexStylesheet, renderStandaloneHtml } from '../node/katex.js';
import { renderHtml } from '../render/html.js';
import { renderLatexDocument } from '../render/latex.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderPageSvg } from '../render/svg.js';
import { traceDot } from '../render/trace-dot.js';
import { EXIT, formatOf, type Io, parseDigits, readText, realPath, withFormat } from './io.js';

const FORMATS = { markdown: 'md', html: 'html', latex: 'tex', json: 'json' } as const;
/** A worked solution: of a scalar problem (with its trace) or of a matrix problem. */
type Solution = ProblemSolution | MatrixSolution;
type Format = keyof typeof FORMATS;

/** The problem set shipped with chainrule: the lecture notes' worked examples. */
export const SHIPPED_PROBLEMS = fileURLToPath(new URL('../../problems/', import.meta.url));

interface SolveFlags {
  format: string;
  standalone?: boolean;
  handout?: boolean;
  json?: boolean;
  output?: string;
  digits: string;
}

/** Registers the solve command. */
export function registerSolve(program: Command, io: Io, done: (code: number) => void): void {
  withFormat(program.command('solve'), Object.keys(FORMATS), 'markdown')
    .description('worked solutions of problem sets: derivatives with their steps, forward and backward tables, answers, verification')
    .argument('[paths...]', 'problem files or folders of .problems files (default: the lecture examples shipped with chainrule)')
    .option('-o, --output <dir>', 'write one file per problem, an index with all of them, and the pictures, into this folder')
    .option('--digits <n>', 'significant digits of the numbers shown', '6')
    .option('--handout', 'the problems only, for students: what is given and what is asked, with room to answer (the default is the full key)')
    .option('--standalone', 'with -o and --format html: every page self-contained (KaTeX and its fonts inlined in each) rather than sharing katex.min.css')
    .action(async (paths: string[], flags: SolveFlags) => {
      const format = formatOf<Format>(flags);
      const digits = parseDigits(flags.digits);
      if (flags.output !== undefined) checkOutputFolder(flags.output); // before any work: a typo is not found at the end
      const files = problemFiles(paths.length > 0 ? paths : [SHIPPED_PROBLEMS]);
      const set = mergeProblemSets(files.map((file) => parseProblems(readText(file), file)));
      for (const warning of [...set.readings, ...set.warnings]) io.err(`warning: ${warning}`);
      const sourceName = files.length === 1 ? files[0] : undefined;
      const solutions: Solution[] = set.problems.map((problem) => (problem.matrix ? solveMatrixProblem(problem, sourceName) : solveProblem(problem, sourceName)));
      const verified = solutions.every((solution) => solution.verified);

      const shared = format === 'html' && flags.output !== undefined && !flags.standalone;
      const drawn = format === 'html' || (format === 'markdown' && flags.output !== undefined);
      const pictures = await Promise.all(solutions.map((solution) => picture(solution, format, drawn, flags.output)));
      // documents are built for the formats that lay them out; JSON is written from the solutions themselves
      if (flags.handout && format === 'json') throw new InputError('usage', '--handout writes documents for students: Markdown, HTML or LaTeX', undefined, 'leave out --format json');
      const handout = flags.handout === true;
      const docs = format === 'json' ? [] : solutions.map((solution, i) => ('kind' in solution ? matrixSolutionDoc(solution, digits, handout) : solutionDoc(solution, { digits, handout, ...(handout ? {} : { picture: pictures[i] }) })));
      const render = async (selected: readonly Doc[], picked: readonly Solution[]): Promise<string> => {
        switch (format) {
          case 'markdown':
            return renderMarkdown(selected, picked.length > 1 ? { title: 'Worked solutions' } : {});
          case 'html': {
            const title = picked.length > 1 ? { title: 'Worked solutions' } : {};
            // into a folder, the pages share one katex.min.css (fonts inlined) beside them, unless --standalone
            return shared ? renderHtml(selected, title) : renderStandaloneHtml(selected, title);
          }
          case 'latex':
            return renderLatexDocument(selected);
          case 'json':
            return JSON.stringify({ problems: picked.map((solution) => ('kind' in solution ? matrixSolutionJson(solution) : solutionJson(solution, pictures[solutions.indexOf(solution)]))), warnings: set.warnings, verified }, null, 2);
        }
      };

      if (flags.output === undefined) {
        io.out(await render(docs, solutions));
      } else {
        const directory = flags.output;
        // a problem called index would be overwritten by the index of all of them
        const clash = solutions.find((solution) => solution.problem.id.toLowerCase() === 'index');
        if (clash) throw new InputError('usage', `a problem is called "${clash.problem.id}": its file would be overwritten by index.${FORMATS[format]}, the index of every problem; rename the problem`);
        const names = [...solutions.flatMap((solution, i) => [`${solution.problem.id}.${FORMATS[format]}`, ...(pictures[i]?.file ? [pictures[i]!.file!] : [])]), `index.${FORMATS[format]}`, ...(shared ? ['katex.min.css'] : [])];
        const inputs = new Set(files.flatMap(realPath));
        const overwritten = names.find((name) => realPath(join(directory, name)).some((real) => inputs.has(real)));
        if (overwritten) throw new InputError('usage', `${join(directory, overwritten)} is a problem file: it would be overwritten`, undefined, 'write the solutions to another folder');
        const written: string[] = [];
        const write = (name: string, content: string) => {
          writeOutput(join(directory, name), content.endsWith('\n') ? content : `${content}\n`);
          written.push(join(directory, name));
        };
        makeDirectory(directory);
        if (shared) write('katex.min.css', await katexStylesheet());
        for (const [i, solution] of solutions.entries()) {
          const svg = pictures[i]?.svg;
          if (svg && format === 'markdown') write(pictures[i]!.file!, svg);
          write(`${solution.problem.id}.${FORMATS[format]}`, await render(docs.slice(i, i + 1), [solution]));
        }
        write(`index.${FORMATS[format]}`, await render(docs, solutions));
        io.out(`wrote ${written.length} files to ${directory}:\n${written.map((file) => `  ${file}`).join('\n')}`);
      }
      if (!verified) io.err('some solutions are NOT verified: a cross-check failed or an ask could not be answered (see the Verification sections)');
      done(verified ? EXIT.ok : EXIT.checkFailed);
    });
}

/** The picture of a solution's trace: DOT always, SVG when the format shows it. */
async function picture(solution: Solution, format: Format, drawn: boolean, output: string | undefined): Promise<Picture | undefined> {
  if ('kind' in solution || !solution.trace) return undefined;
  const dot = traceDot(solution.trace);
  if (!drawn) return format === 'json' ? { dot } : undefined;
  const page = await renderPageSvg(dot); // top to bottom where left to right is too wide for the page
  return { dot: page.dot, svg: page.svg, ...(output !== undefined && format === 'markdown' ? { file: `${solution.problem.id}.svg` } : {}) };
}

/** An output folder that exists, or can be made in a folder that does. */
function checkOutputFolder(directory: string): void {
  const parent = dirname(resolve(directory));
  const inTheWay = [directory, parent].some((path) => existsSync(path) && !statSync(path).isDirectory());
  if (inTheWay) throw new InputError('io', `cannot write to ${directory}: a file is in the way (-o takes a folder)`);
  if (!existsSync(parent)) throw new InputError('io', `cannot write to ${directory}: there is no folder ${dirname(directory)}`, undefined, 'create it first, or write the solutions somewhere else');
}


/** The output folder, made if missing; a path that is a file (or cannot be made) is bad input, not a crash. */
function makeDirectory(directory: string): void {
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way (-o takes a folder)' : (error as Error).message;
    throw new InputError('io', `cannot write to ${directory}: ${reason}`);
  }
}

function writeOutput(file: string, content: string): void {
  try {
    writeFileSync(file, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new InputError('io', `cannot write ${file}: ${reason}`);
  }
}

/** The problem files named: files as given, folders searched for .problems files (sorted by name). */
function problemFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new InputError('io', `cannot read ${path}: no such file or folder`);
    }
    if (!stats.isDirectory()) return [path];
    const found = readdirSync(path)
      .filter((name) => name.endsWith('.problems'))
      .sort()
      .map((name) => join(path, name));
    if (found.length === 0) throw new InputError('io', `${path} has no .problems files`);
    return found;
  });
}
