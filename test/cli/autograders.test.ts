// Grades for the platforms that run grading at scale: Gradescope's results.json and PrairieLearn's external-grader
// result, for one submission laid out as the platform gives it, validated against schemas of the platforms' formats.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

/** Gradescope's autograder results: the fields its specification lists, with their types and allowed values. */
const GRADESCOPE = {
  type: 'object',
  required: ['tests'],
  properties: {
    score: { type: 'number' },
    execution_time: { type: 'number' },
    output: { type: 'string' },
    output_format: { enum: ['text', 'html', 'simple_format', 'md', 'ansi'] },
    visibility: { enum: ['hidden', 'after_due_date', 'after_published', 'visible'] },
    stdout_visibility: { enum: ['hidden', 'after_due_date', 'after_published', 'visible'] },
    tests: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'score', 'max_score'],
        properties: {
          name: { type: 'string' },
          score: { type: 'number' },
          max_score: { type: 'number' },
          status: { enum: ['passed', 'failed'] },
          output: { type: 'string' },
          output_format: { enum: ['text', 'html', 'simple_format', 'md', 'ansi'] },
          visibility: { enum: ['hidden', 'after_due_date', 'after_published', 'visible'] },
          tags: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

/** PrairieLearn's external-grader result: gradable, a score in [0, 1], a message, and tests with points. */
const PRAIRIELEARN = {
  type: 'object',
  required: ['gradable', 'score'],
  properties: {
    gradable: { type: 'boolean' },
    score: { type: 'number', minimum: 0, maximum: 1 },
    message: { type: 'string' },
    output: { type: 'string' },
    format_errors: { type: 'array', items: { type: 'string' } },
    tests: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'points', 'max_points'],
        properties: { name: { type: 'string' }, description: { type: 'string' }, points: { type: 'number' }, max_points: { type: 'number' }, message: { type: 'string' }, output: { type: 'string' } },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

describe('cli: grade for Gradescope and PrairieLearn', () => {
  it('writes results that validate against the platforms formats, one test per ask', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainrule-autograders-'));
    const problems = join(dir, 'neuron.problems');
    writeFileSync(problems, ['problem neuron "One neuron"', 'z = w*x + b', 'a = sigmoid(z)', 'L = 1/2*(y - a)^2', 'part a (2 points): dL/da = ?; dL/dw = ?', 'part b (1 point): dL/db = ?'].join('\n'));
    const submission = join(dir, 'submission'); // as Gradescope lays it out: /autograder/submission/
    mkdirSync(submission);
    writeFileSync(join(submission, 'answers.txt'), ['dL/da = a - y', 'dL/dw = (a - y) a (1 - a) x', 'dL/db = (y - a) a (1 - a)'].join('\n'));
    const result = await run(['grade', problems, submission, '--results', join(dir, 'r.jsonl'), '--gradescope', join(dir, 'results.json'), '--prairielearn', join(dir, 'pl.json')]);
    expect(result.code).toBe(0);
    const ajv = new Ajv({ allErrors: true });
    const gradescope = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(ajv.validate(GRADESCOPE, gradescope), ajv.errorsText()).toBe(true);
    expect(gradescope.score).toBe(2);
    expect(gradescope.tests.map((test: { name: string; status: string; score: number; max_score: number }) => [test.name, test.status, test.score, test.max_score])).toEqual([
      ['neuron a: dL/da', 'passed', 1, 1],
      ['neuron a: dL/dw', 'passed', 1, 1],
      ['neuron b: dL/db', 'failed', 0, 1],
    ]);
    expect(gradescope.tests[2].output).toContain('sign');
    const prairielearn = JSON.parse(readFileSync(join(dir, 'pl.json'), 'utf8'));
    expect(ajv.validate(PRAIRIELEARN, prairielearn), ajv.errorsText()).toBe(true);
    expect(prairielearn.score).toBeCloseTo(2 / 3, 12);
    const other = join(dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'b.txt'), 'dL/da = a - y\n');
    const two = await run(['grade', problems, submission, other, '--results', join(dir, 'r2.jsonl'), '--gradescope', join(dir, 'results2.json')]);
    expect(two.code).toBe(2);
    expect(two.err).toContain('is written for one submission, and 2 were graded');
  });
});

describe('cli: autograder', () => {
  it("writes Gradescope's setup.sh and run_autograder, which grade a submission laid out as Gradescope lays it out", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainrule-gradescope-'));
    const problems = join(dir, 'neuron.problems');
    writeFileSync(problems, ['problem neuron "One neuron"', 'z = w*x + b', 'a = sigmoid(z)', 'L = 1/2*(y - a)^2', 'part a (2 points): dL/da = ?; dL/dw = ?'].join('\n'));
    const made = await run(['autograder', 'gradescope', problems, '-o', join(dir, 'zip')]);
    expect(made.code).toBe(0);
    expect(readdirSync(join(dir, 'zip')).sort()).toEqual(['README.txt', 'neuron.problems', 'run_autograder', 'setup.sh']);
    // /autograder/source holds the zip's files, /autograder/submission the student's, /autograder/results the output
    const root = join(dir, 'autograder');
    mkdirSync(join(root, 'submission'), { recursive: true });
    cpSync(join(dir, 'zip'), join(root, 'source'), { recursive: true });
    writeFileSync(join(root, 'submission', 'answers.md'), ['## Problem neuron', '', '$$\\frac{\\partial L}{\\partial a} = a - y$$', '', '```chainrule', 'dL/dw = (y - a) a (1 - a) x', '```'].join('\n'));
    const bin = fileURLToPath(new URL('../../bin/chainrule.js', import.meta.url));
    const output = spawnSync('bash', [join(root, 'source', 'run_autograder')], { env: { ...process.env, AUTOGRADER_ROOT: root, CHAINRULE: `${process.execPath} ${bin}` }, encoding: 'utf8' });
    expect(output.status, output.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8'));
    expect(new Ajv().validate(GRADESCOPE, results)).toBe(true);
    expect(results.tests.map((test: { status: string }) => test.status)).toEqual(['passed', 'failed']);
    expect(results.score).toBe(1);
  });

  it("writes PrairieLearn's grader script and the info.json options", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainrule-prairielearn-'));
    const problems = join(dir, 'p.problems');
    writeFileSync(problems, 'problem p\nf = x^2\npart a: df/dx = ?\n');
    expect((await run(['autograder', 'prairielearn', problems, '-o', join(dir, 'tests')])).code).toBe(0);
    const info = JSON.parse(readFileSync(join(dir, 'tests', 'info.json'), 'utf8'));
    expect(info.externalGradingOptions).toMatchObject({ enabled: true, entrypoint: '/grade/tests/run.sh' });
    const root = join(dir, 'grade');
    mkdirSync(join(root, 'student'), { recursive: true });
    cpSync(join(dir, 'tests'), join(root, 'tests'), { recursive: true });
    writeFileSync(join(root, 'student', 'a.txt'), 'df/dx = 2x\n');
    const bin = fileURLToPath(new URL('../../bin/chainrule.js', import.meta.url));
    const output = spawnSync('bash', [join(root, 'tests', 'run.sh')], { env: { ...process.env, GRADE_ROOT: root, CHAINRULE: `${process.execPath} ${bin}` }, encoding: 'utf8' });
    expect(output.status, output.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8'));
    expect(new Ajv().validate(PRAIRIELEARN, results)).toBe(true);
    expect(results.score).toBe(1);
  });
});
