/** `chainrule trace`: the forward pass, the chain rule at every gate, the checked gradient; as text, tables, JSON or a picture. */
import type { Command } from 'commander';
import { traceBlocks } from '../explain/trace-doc.js';
import { traceJson, traceWindow, type Trace } from '../explain/trace.js';
import { trace } from '../api.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderLatexDocument } from '../render/latex.js';
import { renderSvg } from '../render/svg.js';
import { traceDot } from '../render/trace-dot.js';
import { renderTraceText } from '../render/trace-text.js';
import { EXIT, type Io, parseDigits, parseCount, parseNames, readSource, printWarnings, withFormat, formatOf, DIMS_HELP } from './io.js';

const FORMATS = ['text', 'markdown', 'latex', 'json', 'dot', 'svg'] as const;

interface TraceFlags {
  json?: boolean;
  dims?: string;
  at?: string;
  wrt?: string;
  format: string;
  file?: string;
  digits: string;
  limit: string;
}

/** The DOT of a trace's picture: the last `limit` gates when there are more (0: all), with a note saying so. */
function pictureDot(traced: Trace, limit: number, digits: number): string {
  const { trace: shown, hidden } = traceWindow(traced, limit);
  const note = hidden > 0 ? `${hidden} earlier gates are not drawn: their results enter on the left (--limit 0 draws all)` : undefined;
  return traceDot(shown, { digits: Math.min(digits, 4), note });
}

/** Registers the trace command. */
export function registerTrace(program: Command, io: Io, done: (code: number) => void): void {
  withFormat(program.command('trace'), FORMATS)
    .description('forward values and the chain rule at every gate (upstream × local = downstream), cross-checked')
    .argument('[expr]', 'the expression (bindings allowed: "q = x + y; f = q*z"); - reads standard input')
    .option('--at <values>', 'the point, as x=-2,y=5,z=-4')
    .option('--wrt <vars>', 'variables whose gradient is reported (default: every variable)')
    .option('--file <file>', 'read the expression from a file')
    .option('--digits <n>', 'significant digits of the numbers shown', '6')
    .option('--limit <n>', 'gates shown before the rest is elided: the middle of text, Markdown and LaTeX, the earliest gates of a picture (0: all)', '40')
    .option('--dims <shapes>', DIMS_HELP)
    .action(async (expr: string | undefined, flags: TraceFlags) => {
      const format = formatOf<(typeof FORMATS)[number]>(flags);
      const { source, sourceName } = readSource(io, expr, flags.file);
      const digits = parseDigits(flags.digits);
      const limit = parseCount(flags.limit, '--limit');
      const traced = trace(source, flags.at ?? '', { sourceName, dims: flags.dims, wrt: flags.wrt === undefined ? undefined : parseNames(flags.wrt, '--wrt') });
      printWarnings(io, traced.program);
      const doc = () => ({ title: `Trace of ${traced.output}`, blocks: traceBlocks(traced, { digits, limit }) });
      switch (format) {
        case 'text':
          io.out(renderTraceText(traced, { digits, limit }));
          break;
        case 'markdown':
          io.out(renderMarkdown([doc()]));
          break;
        case 'latex':
          io.out(renderLatexDocument([doc()]));
          break;
        case 'json':
          io.out(JSON.stringify(traceJson(traced), null, 2));
          break;
        case 'dot':
          io.out(pictureDot(traced, limit, digits));
          break;
        case 'svg':
          io.out(await renderSvg(pictureDot(traced, limit, digits)));
          break;
      }
      done(traced.check.agree ? EXIT.ok : EXIT.checkFailed);
    });
}
