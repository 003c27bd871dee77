/** `chainrule mlp`: one forward and backward pass of a network spec, the δ recursion with shapes, cross-checked. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { explainMlp } from '../explain/mlp.js';
import { mlpDoc } from '../explain/mlp-doc.js';
import { mlpJson } from '../explain/mlp-json.js';
import { batchFromJson, initParameters, INIT_SCHEMES, parametersFromJson, randomBatch, type InitScheme } from '../nn/init.js';
import type { Network } from '../nn/network.js';
import { OPTIMIZERS, type OptimizerName } from '../nn/optimizers.js';
import { parseNetwork } from '../nn/spec.js';
import { renderLatexDocument } from '../render/latex.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderText } from '../render/text.js';
import { EXIT, type Io, parseDigits, parseCount, parsePositive, readText } from './io.js';

const FORMATS = ['text', 'markdown', 'latex', 'json'] as const;

/** The largest --params file: room for a network at the spec's limit of 10,000,000 parameters, written as JSON. */
const PARAMS_MAX_BYTES = 256 * 1024 * 1024;

/** The most values a forward pass may hold, B × (inputs + the units of every layer): the report prints them all. */
const MAX_BATCH_VALUES = 2_000_000;

/** Rejects a batch whose forward pass would hold more values than MAX_BATCH_VALUES (exit 2, before anything is allocated). */
function checkBatchSize(network: Network, examples: number, option: boolean): void {
  const perExample = network.inputSize + network.layers.reduce((sum, layer) => sum + layer.units, 0);
  if (examples * perExample <= MAX_BATCH_VALUES) return;
  const most = Math.floor(MAX_BATCH_VALUES / perExample);
  throw new InputError(
    'too-large',
    `a batch of ${examples} examples is too large: its forward pass would hold ${examples * perExample} values (${perExample} per example); the limit is ${MAX_BATCH_VALUES}`,
    undefined,
    most >= 1 ? `${option ? `use --batch ${most}` : `give at most ${most} examples`} or fewer for this network` : undefined,
  );
}

interface MlpFlags {
  params?: string;
  init: string;
  seed: string;
  batch: string;
  format: string;
  step?: string;
  lr: string;
  digits: string;
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
  program
    .command('mlp')
    .description('forward and backward pass of a network spec: the δ recursion with shapes, gradients cross-checked three ways')
    .argument('<spec>', 'a network spec file (input, dense, loss lines); - reads standard input')
    .option('--params <file>', 'parameters and data as JSON: {"W1": [[…]], "b1": […], …, "x": [[…]] (a row per example), "y": rows or class indices}')
    .option('--init <scheme>', `without --params: ${INIT_SCHEMES.join(', ')}`, 'xavier')
    .option('--seed <n>', 'seed of the initialisation and of the random batch', '1')
    .option('--batch <n>', 'without --params: examples in the random batch', '4')
    .option('--format <format>', FORMATS.join(', '), 'text')
    .option('--step <optimizer>', `show one update of every parameter: ${OPTIMIZERS.join(', ')}`)
    .option('--lr <eta>', 'the learning rate η of --step', '0.1')
    .option('--digits <n>', 'significant digits of the numbers shown', '4')
    .action((file: string, flags: MlpFlags) => {
      const format = flags.format as (typeof FORMATS)[number];
      if (!FORMATS.includes(format)) throw new InputError('usage', `--format must be one of ${FORMATS.join(', ')} (got "${flags.format}")`);
      if (!INIT_SCHEMES.includes(flags.init as InitScheme)) throw new InputError('usage', `--init must be one of ${INIT_SCHEMES.join(', ')} (got "${flags.init}")`);
      if (flags.step !== undefined && !OPTIMIZERS.includes(flags.step as OptimizerName)) {
        throw new InputError('usage', `--step must be one of ${OPTIMIZERS.join(', ')} (got "${flags.step}")`);
      }
      const network = parseNetwork(file === '-' ? io.stdin() : readText(file), file === '-' ? 'standard input' : file);
      const seed = parseCount(flags.seed, '--seed');
      const digits = parseDigits(flags.digits);
      const step = flags.step === undefined ? undefined : { name: flags.step as OptimizerName, learningRate: parsePositive(flags.lr, '--lr') };
      let params, batch;
      if (flags.params !== undefined) {
        let json: unknown;
        try {
          json = JSON.parse(readText(flags.params, PARAMS_MAX_BYTES));
        } catch (error) {
          if (error instanceof InputError) throw error;
          throw new InputError('syntax', `${flags.params} is not valid JSON: ${(error as Error).message}`);
        }
        params = parametersFromJson(network, json);
        batch = batchFromJson(network, json);
        checkBatchSize(network, batch.x.cols, false);
      } else {
        params = initParameters(network, { scheme: flags.init as InitScheme, seed });
        const size = parseCount(flags.batch, '--batch', 1);
        checkBatchSize(network, size, true);
        batch = randomBatch(network, { size, seed: seed + 1 });
      }
      const report = explainMlp(network, params, batch, { step, seed });
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
