/** `chainrule mlp`: one forward and backward pass of a network spec, the δ recursion with shapes, cross-checked. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { explainMlp } from '../explain/mlp.js';
import { mlpDoc } from '../explain/mlp-doc.js';
import { mlpJson } from '../explain/mlp-json.js';
import { batchFromJson, initParameters, INIT_SCHEMES, parametersFromJson, randomBatch, type InitScheme } from '../nn/init.js';
import { OPTIMIZERS, type OptimizerName } from '../nn/optimizers.js';
import { parseNetwork } from '../nn/spec.js';
import { renderLatexDocument } from '../render/latex.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderText } from '../render/text.js';
import { EXIT, type Io, parseCount, parsePositive, readText } from './io.js';

const FORMATS = ['text', 'markdown', 'latex', 'json'] as const;

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
      let params, batch;
      if (flags.params !== undefined) {
        let json: unknown;
        try {
          json = JSON.parse(readText(flags.params));
        } catch (error) {
          if (error instanceof InputError) throw error;
          throw new InputError('syntax', `${flags.params} is not valid JSON: ${(error as Error).message}`);
        }
        params = parametersFromJson(network, json);
        batch = batchFromJson(network, json);
      } else {
        params = initParameters(network, { scheme: flags.init as InitScheme, seed });
        batch = randomBatch(network, { size: parseCount(flags.batch, '--batch', 1), seed: seed + 1 });
      }
      const step = flags.step === undefined ? undefined : { name: flags.step as OptimizerName, learningRate: parsePositive(flags.lr, '--lr') };
      const report = explainMlp(network, params, batch, { step, seed });
      const digits = parseCount(flags.digits, '--digits', 1);
      switch (format) {
        case 'json':
          io.out(JSON.stringify(mlpJson(report), null, 2));
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
