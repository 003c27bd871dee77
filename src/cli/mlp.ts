/** `chainrule mlp`: one forward and backward pass of a network spec, the δ recursion with shapes, cross-checked. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { mlp } from '../api.js';
import { mlpDoc } from '../explain/mlp-doc.js';
import { mlpJson } from '../explain/mlp-json.js';
import { INIT_SCHEMES, type InitScheme } from '../nn/init.js';
import { OPTIMIZERS, type OptimizerName } from '../nn/optimizers.js';
import { renderLatexDocument } from '../render/latex.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderText } from '../render/text.js';
import { choiceOption, EXIT, formatOf, type Io, parseDigits, parseCount, parsePositive, readText, withFormat } from './io.js';

const FORMATS = ['text', 'markdown', 'latex', 'json'] as const;

/** The largest --params file: room for a network at the spec's limit of 10,000,000 parameters, written as JSON. */
const PARAMS_MAX_BYTES = 256 * 1024 * 1024;

interface MlpFlags {
  json?: boolean;
  params?: string;
  init: string;
  seed: string;
  batch: string;
  format: string;
  step?: string;
  lr: string;
  digits: string;
}

/** A --params file's JSON; a file that is not JSON is bad input. */
function readJson(file: string): unknown {
  try {
    return JSON.parse(readText(file, PARAMS_MAX_BYTES));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('syntax', `${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The report as indented JSON, or without indentation when that would be longer than a string can be (a network near
 * the limit of 10,000,000 parameters, with --step); a report too long even then is bad input, not a crash.
 */
function jsonText(json: object): string {
  for (const indent of [2, undefined]) {
    try {
      return JSON.stringify(json, null, indent);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error; // "Invalid string length"
    }
  }
  throw new InputError('too-large', 'the JSON report is too long to write as one string', undefined, 'use --format text, leave out --step, or a smaller network or batch');
}

/** Registers the mlp command. */
export function registerMlp(program: Command, io: Io, done: (code: number) => void): void {
  withFormat(program.command('mlp'), FORMATS)
    .description('forward and backward pass of a network spec: the δ recursion with shapes, gradients cross-checked three ways')
    .argument('<spec>', 'a network spec file (input, dense, loss lines); - reads standard input')
    .option('--params <file>', 'parameters and data as JSON: {"W1": [[…]], "b1": […], …, "x": [[…]] (a row per example), "y": rows or class indices}')
    .addOption(choiceOption('--init <scheme>', 'without --params: how the parameters are initialised', INIT_SCHEMES, 'xavier'))
    .option('--seed <n>', 'seed of the initialisation and of the random batch', '1')
    .option('--batch <n>', 'without --params: examples in the random batch', '4')
    .addOption(choiceOption('--step <optimizer>', 'show one update of every parameter', OPTIMIZERS))
    .option('--lr <eta>', 'the learning rate η of --step', '0.1')
    .option('--digits <n>', 'significant digits of the numbers shown', '4')
    .action((file: string, flags: MlpFlags) => {
      const format = formatOf<(typeof FORMATS)[number]>(flags);
      const name = file === '-' ? 'standard input' : file;
      const spec = file === '-' ? io.stdin() : readText(file);
      const step = flags.step === undefined ? undefined : { name: flags.step as OptimizerName, learningRate: parsePositive(flags.lr, '--lr') };
      const seed = parseCount(flags.seed, '--seed');
      const digits = parseDigits(flags.digits);
      const report =
        flags.params === undefined
          ? mlp(spec, { sourceName: name, init: flags.init as InitScheme, seed, batch: parseCount(flags.batch, '--batch', 1), step })
          : mlp(spec, { sourceName: name, params: readJson(flags.params), seed, step });
      switch (format) {
        case 'json':
          io.out(jsonText(mlpJson(report)));
          break;
        case 'markdown':
          io.out(renderMarkdown([mlpDoc(report, { digits })]));
          break;
        case 'latex':
          io.out(renderLatexDocument([mlpDoc(report, { digits })]));
          break;
        case 'text':
          io.out(renderText([mlpDoc(report, { digits })]));
          break;
      }
      done(report.check.agree ? EXIT.ok : EXIT.checkFailed);
    });
}
