import { describe, expect, it } from 'vitest';
import { type ProblemSet } from '../../src/index.js';
import { gradeSubmission, parseProblems, studentName } from '../../src/engines.js';
import { inputErrorOf } from '../helpers.js';

const PROBLEMS = [
  'problem backprop "Backpropagation through (x + y)z"',
  'f = (x + y)*z',
  'part a (3 points): df/dx = ?; df/dy = ?; df/dz = ?',
  'part b (2 points): df/dz = ?; df/dz at x=-2, y=5, z=-4 = 3',
  'problem descent "A gradient-descent step"',
  'L = (y - w*x)^2',
  'part a (2 points): dL/dw = ?; w - 0.1*dL/dw at w=2, x=3, y=10 = ?',
  'credit a: 3, 1',
].join('\n');

const set: ProblemSet = parseProblems(PROBLEMS, 'hw3.problems');
const grade = (text: string) => gradeSubmission(set, text, 'student');
const points = (text: string) => grade(text).parts.map((part) => `${part.problem}.${part.part} ${part.points}/${part.max} ${part.verdict}`);

describe('problem sets', () => {
  it('reads problems, givens, parts with points, asks and credit weights', () => {
    expect(set.problems.map((problem) => [problem.id, problem.title, problem.parts.map((part) => [part.id, part.points, part.asks.map((ask) => [ask.text, ask.weight])])])).toEqual([
      [
        'backprop',
        'Backpropagation through (x + y)z',
        [
          ['a', 3, [['df/dx', 1], ['df/dy', 1], ['df/dz', 1]]],
          ['b', 2, [['df/dz', 1], ['df/dz at x=-2, y=5, z=-4', 1]]],
        ],
      ],
      ['descent', 'A gradient-descent step', [['a', 2, [['dL/dw', 3], ['w - 0.1*dL/dw at w=2, x=3, y=10', 1]]]]],
    ]);
    expect(set.warnings).toEqual([]);
  });

  it('warns about a wrong instructor answer (and grades with the computed one)', () => {
    const withWrongAnswer = parseProblems('problem p\nf = x^2\npart a: df/dx = x', 'p.problems');
    expect(withWrongAnswer.warnings).toEqual(['problem p, part a: the answer given for df/dx (df/dx = x) is incorrect; it should be 2*x']);
  });

  it('rejects a file it cannot read, with line, column and caret', () => {
    expect(inputErrorOf(() => parseProblems('f = x^2', 'p.problems')).message).toBe('a problem file starts with a "problem <id>" line');
    expect(inputErrorOf(() => parseProblems('problem p\npart a (2 points) df/dx = ?')).location?.span).toMatchObject({ line: 2, col: 19 });
    expect(inputErrorOf(() => parseProblems('problem p\nf = x\npart a: dg/dx = ?')).message).toBe('g is not defined');
    expect(inputErrorOf(() => parseProblems('problem p\nf = x\npart a: df/dx = ?\ncredit a: 1, 2')).message).toBe('part a asks 1 things, but 2 weights are given');
  });
});

describe('grading a submission', () => {
  const full = ['problem backprop', 'df/dx = z', 'df/dy = z', '∂f/∂z = x + y', 'df/dz at x=-2, y=5, z=-4 = 3', 'problem descent', 'dL/dw = -2x(y - w x)', 'w - 0.1*dL/dw at w=2, x=3, y=10 = 4.4'].join('\n');

  it('gives full marks for right answers, however their heads are written', () => {
    const result = grade(full);
    expect(result.total).toBe(7);
    expect(result.max).toBe(7);
    expect(grade(full.replace('df/dy = z', 'd/dy ((x + y)*z) = z')).total).toBe(7);
    expect(grade(full.replace('dL/dw = -2x(y - w x)', '\\frac{\\partial L}{\\partial w} = -2x(y - wx)')).total).toBe(7);
  });

  it('gives partial credit by the credit weights: a right derivative with a wrong value', () => {
    const wrongStep = full.replace('= 4.4', '= 4.6');
    expect(points(wrongStep).at(-1)).toBe('descent.a 1.5/2 partial');
  });

  it('marks missing, incorrect and partial parts, with feedback on each ask', () => {
    const result = grade(['part backprop.a', 'df/dx = z', 'df/dy = 1'].join('\n'));
    expect(points(['part backprop.a', 'df/dx = z', 'df/dy = 1'].join('\n'))).toEqual(['backprop.a 1/3 partial', 'backprop.b 0/2 missing', 'descent.a 0/2 missing']);
    const asks = result.parts[0]!.asks;
    expect(asks.map((ask) => ask.verdict)).toEqual(['correct', 'incorrect', 'missing']);
    expect(asks[1]!.answer).toMatchObject({ expected: 'z', line: 3 });
  });

  it('lets a later answer replace an earlier one', () => {
    expect(points('problem backprop\ndf/dx = 1\ndf/dx = z')[0]).toBe('backprop.a 1/3 partial');
  });

  it('reports lines it cannot read and answers outside any problem, and grades the rest', () => {
    const result = grade('df/dx = z\nproblem backprop\ndf/dx = (z\ndf/dy = z');
    expect(result.errors.map((error) => error.line)).toEqual([1, 3]);
    expect(result.errors[0]!.message).toBe('say which problem this answers: put a line "problem <id>" above it');
    expect(result.total).toBe(1);
  });

  it('survives pathological lines: deep nesting, huge powers, a megabyte of digits', () => {
    const hostile = ['problem backprop', '('.repeat(100_000) + 'z' + ')'.repeat(100_000), 'df/dx = 9^9^9^9', `df/dy = ${'9'.repeat(1_000_000)}`, 'df/dz = x + y'].join('\n');
    const result = gradeSubmission(set, hostile, 'mallory', { maxSubmissionLength: 5_000_000 });
    expect(result.parts[0]!.asks.map((ask) => ask.verdict)).toEqual(['undetermined', 'missing', 'correct']);
    expect(result.errors.map((error) => error.line)).toEqual([2, 4]);
  });

  it('grades the whole lines of a submission within the size limit, and says where it was cut', () => {
    const honest = 'problem backprop\ndf/dx = z\ndf/dz = x + y\n';
    const text = `${honest}${'x'.repeat(300_000)}\ndf/dy = 1\n`;
    const result = gradeSubmission(set, text, 'mallory');
    expect(result.parts[0]!.points).toBe(2); // the honest lines before the long one still count
    expect(result.errors[0]!.message).toBe(`only lines 1 to 3 were graded: the submission is ${text.length} characters long and the limit is 200000 characters (--max-submission-length)`);
    const settable = gradeSubmission(set, honest, 'ada', { maxSubmissionLength: 30 });
    expect(settable.parts[0]!.points).toBe(1);
    expect(settable.errors[0]!.message).toContain('only lines 1 to 2 were graded');
  });

  it('takes the student’s name from a comment, or else from the file', () => {
    expect(studentName('# student: Ada Lovelace\ndf/dx = z', 'ada')).toBe('Ada Lovelace');
    expect(studentName('df/dx = z', 'ada')).toBe('ada');
  });
});

describe('problem sets: functions without parentheses and ambiguous forms', () => {
  const bare = parseProblems(['problem trig', 'f = sin^2 x', 'part a: df/dx = ?; d/dx (sin x^2) = 2x cos(x^2)', 'part b: f at x = 1 = ?'].join('\n'), 'trig.problems');

  it('reads givens, asks and answers as programs are read, and grades a student who writes that way', () => {
    expect(bare.warnings).toEqual([]); // the instructor's answer is right once sin x^2 is sin(x^2)
    const graded = gradeSubmission(bare, 'df/dx = 2 sin x cos x\nd/dx (sin x^2) = 2x cos x^2\nf at x = 1 = 0.708', 'student');
    expect(graded.errors).toEqual([]);
    expect(graded.parts.map((part) => part.verdict)).toEqual(['correct', 'correct']);
  });

  it('lists how each ambiguous form was read, with its line and column, apart from the warnings about answers', () => {
    expect(bare.readings).toEqual([
      'read sin^2 x as sin(x)^2 (a power of sin); write sin(sin(…)) for a composition (line 2, column 5 of trig.problems)',
      'read sin x^2 as sin(x^2); write sin(x)^2 to say otherwise (line 3, column 26 of trig.problems)',
    ]);
    expect(set.readings).toEqual([]);
  });
});

describe('grading: what solve prints, handed in, gets full marks', () => {
  it('accepts the worked solutions of the shipped problem set, in plain text and in LaTeX', async () => {
    const { readFileSync } = await import('node:fs');
    const { solveProblems } = await import('../../src/engines.js');
    const text = readFileSync(new URL('../../problems/seeds.problems', import.meta.url), 'utf8');
    const seeds = parseProblems(text, 'seeds.problems');
    const solutions = solveProblems(seeds.problems);
    for (const form of ['text', 'latex'] as const) {
      const lines = solutions.flatMap((solution) => [
        `problem ${solution.problem.id}`,
        ...solution.parts.flatMap((part) => part.asks.flatMap((ask) => (ask.answer ? [`${ask.ask.text} = ${ask.answer.value !== undefined ? String(ask.answer.value) : ask.answer[form]}`] : []))),
      ]);
      const grade = gradeSubmission(seeds, lines.join('\n'), form);
      expect(grade.errors, form).toEqual([]);
      expect(grade.total, form).toBe(grade.max);
    }
  });
});
