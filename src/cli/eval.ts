/** `chainrule eval`: the value of an expression (and of each binding). */
import type { Command } from 'commander';
import { parse } from '../program.js';
import { exactPole } from '../check/poles.js';
import { InputError } from '../errors.js';
import { Simplifier } from '../symbolic/simplify.js';
import { evaluate } from '../numeric/evaluate.js';
import { parsePoint } from '../build/point.js';
import { renderEval } from '../render/eval.js';
import { EXIT, formatOf, type Io, readSource, printWarnings, dimsFrom, withFormat, DIMS_HELP } from './io.js';

interface EvalFlags {
  dims?: string;
  at?: string;
  format: string;
  json?: boolean;
  file?: string;
}

/** Registers the eval command. */
export function registerEval(program: Command, io: Io, done: (code: number) => void): void {
  withFormat(program.command('eval'), ['text', 'json'])
    .description('the value of an expression, and of each binding, in float64')
    .argument('[expr]', 'the expression; - reads standard input')
    .option('--at <values>', 'values of the variables, as x=1,y=-2')
    .option('--file <file>', 'read the expression from a file')
    .option('--dims <shapes>', DIMS_HELP)
    .action((expr: string | undefined, flags: EvalFlags) => {
      const { source, sourceName } = readSource(io, expr, flags.file);
      const parsed = parse(source, { sourceName, ...dimsFrom(flags) });
      printWarnings(io, parsed);
      if (parsed.variables.length === 0) {
        const pole = exactPole(new Simplifier(parsed.graph), parsed.output); // tan(pi/2): float64 gives 1.6e16, but there is no value
        if (pole) throw new InputError('domain', pole, { source: parsed.source, span: parsed.spans.get(parsed.output) ?? { offset: 0, end: parsed.source.length, line: 1, col: 1 }, sourceName: parsed.sourceName });
      }
      const evaluation = evaluate(parsed, flags.at === undefined ? {} : parsePoint(flags.at));
      io.out(renderEval(parsed, evaluation, formatOf(flags)));
      done(EXIT.ok);
    });
}
