import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

function classroom() {
  const dir = mkdtempSync(join(tmpdir(), 'chainrule-grade-'));
  const problems = join(dir, 'hw.problems');
  writeFileSync(problems, ['problem p "Product gate"', 'f = (x + y)*z', 'part a (2 points): df/dx = ?; df/dz = ?', 'part b (1 point): df/dx at x=-2, y=5, z=-4 = ?'].join('\n'));
  const submissions = join(dir, 'submissions');
  mkdirSync(submissions);
  writeFileSync(join(submissions, 'ada.txt'), '# student: Ada\ndf/dx = z\ndf/dz = x + y\ndf/dx at x=-2, y=5, z=-4 = -4\n');
  writeFileSync(join(submissions, 'bob.txt'), 'df/dx = z\ndf/dz = x\n');
  writeFileSync(join(submissions, 'cy.txt'), 'df/dx = (z\n');
  return { dir, problems, submissions, results: join(dir, 'results.jsonl') };
}

describe('cli: grade', () => {
  it('grades a folder of submissions, with feedback, and writes each grade as a JSON line', async () => {
    const room = classroom();
    const result = await run(['grade', room.problems, room.submissions, '--results', room.results]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Ada: 3/3\n');
    expect(result.out).toContain('bob: 1/3\n  p a: 1/2 partial\n    ✓ df/dx = z\n    ✗ df/dz = x (line 2): it should be x + y;');
    expect(result.out).toContain('  ! line 1: this "(" is never closed');
    expect(result.out).toContain('3 submissions, mean 1.33/3');
    const lines = readFileSync(room.results, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((grade) => [grade.student, grade.total])).toEqual([
      ['Ada', 3],
      ['bob', 1],
      ['cy', 0],
    ]);
  });

  it('says why a rounded number was accepted, and where a name stands for its binding’s value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainrule-grade-'));
    const problems = join(dir, 'neuron.problems');
    writeFileSync(problems, ['problem n', 'z = w*x + b', 'a = sigmoid(z)', 'L = (y - a)^2/2', 'part a: dL/da = ?', 'part b: exp(0.8)/(exp(1.5) + exp(0.8) + exp(-0.5)) = ?'].join('\n'));
    mkdirSync(join(dir, 'subs'));
    writeFileSync(join(dir, 'subs', 'ada.txt'), 'problem n\ndL/da = a - y\nexp(0.8)/(exp(1.5) + exp(0.8) + exp(-0.5)) = 0.305\n');
    writeFileSync(join(dir, 'subs', 'bob.txt'), 'problem n\ndL/da = y - a\nexp(0.8)/(exp(1.5) + exp(0.8) + exp(-0.5)) = 0.31\n');
    const result = await run(['grade', problems, join(dir, 'subs'), '--results', join(dir, 'r.jsonl')]);
    expect(result.out).toContain('ada: 2/2\n  n a: 1/1 correct\n  n b: 1/1 correct\n    ✓ exp(0.8)/(exp(1.5) + exp(0.8) + exp(-0.5)) = 0.305: rounding explains it: with intermediate results rounded to 2 decimals');
    expect(result.out).toMatch(/✗ dL\/da = y - a \(line 2\): it should be a - y; at w = [^(]+ \(where z = [-0-9.e]+, a = [0-9.e-]+\) yours is/);
    expect(result.out).toContain('✗ exp(0.8)/(exp(1.5) + exp(0.8) + exp(-0.5)) = 0.31 (line 3): it should be 0.304295;');
  });

  it('writes CSV and JSON', async () => {
    const room = classroom();
    const csv = join(room.dir, 'grades.csv');
    const result = await run(['grade', room.problems, room.submissions, '--results', room.results, '--csv', csv, '--json']);
    const rows = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(rows.slice(0, 2)).toEqual(['student,file,total,max,p.a,p.b,feedback', `Ada,${join(room.submissions, 'ada.txt')},3,3,2,1,`]);
    expect(rows[2]).toBe(`bob,${join(room.submissions, 'bob.txt')},1,3,1,0,"p.a: ✗ df/dz = x (line 2): it should be x + y; at x = 1.5, y = 2 yours is 1.5, the right value is 3.5 | p.b: missing: df/dx at x=-2, y=5, z=-4"`);
    expect(rows[3]).toBe(`cy,${join(room.submissions, 'cy.txt')},0,3,0,0,"p.a: missing: df/dx; missing: df/dz | p.b: missing: df/dx at x=-2, y=5, z=-4"`);
    const json = JSON.parse(result.out);
    expect(json.students[0].parts[0]).toMatchObject({ problem: 'p', part: 'a', verdict: 'correct', points: 2, max: 2 });
  });

  it('resumes an interrupted run: grades already written are kept and not redone', async () => {
    const room = classroom();
    await run(['grade', room.problems, join(room.submissions, 'ada.txt'), '--results', room.results]);
    const first = readFileSync(room.results, 'utf8');
    writeFileSync(room.results, `${first}{"student":"bo`); // cut off in the middle of a line
    const result = await run(['grade', room.problems, room.submissions, '--results', room.results, '--resume']);
    expect(result.code).toBe(0);
    const lines = readFileSync(room.results, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(first.trim());
    expect(lines.map((line) => JSON.parse(line).student)).toEqual(['Ada', 'bob', 'cy']);
  });

  it('checks where it will write before grading anything: a folder that does not exist, the problem file, a submission', async () => {
    const room = classroom();
    const missing = await run(['grade', room.problems, room.submissions, '--results', room.results, '--csv', join(room.dir, 'no', 'grades.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`cannot write ${join(room.dir, 'no', 'grades.csv')}: there is no folder ${join(room.dir, 'no')}`);
    expect(existsSync(room.results)).toBe(false); // nothing was graded
    const problem = await run(['grade', room.problems, room.submissions, '--results', room.problems]);
    expect(problem.code).toBe(2);
    expect(problem.err).toContain(`${room.problems} is the problem file: it would be overwritten`);
    const submission = join(room.submissions, 'ada.txt');
    const before = readFileSync(submission, 'utf8');
    const overwrite = await run(['grade', room.problems, room.submissions, '--results', room.results, '--csv', submission]);
    expect(overwrite.code).toBe(2);
    expect(overwrite.err).toContain(`${submission} is not a file chainrule grade wrote (a submission?): it would be overwritten`);
    expect(readFileSync(submission, 'utf8')).toBe(before);
  });

  it('shows a student’s text escaped: a name cannot clear the screen or reorder the report', async () => {
    const room = classroom();
    writeFileSync(join(room.submissions, 'ada.txt'), '# student: \u001b[2JAda\u202e\ndf/dx = z\u0007\n');
    const result = await run(['grade', room.problems, room.submissions, '--results', room.results]);
    expect(result.out).toContain('\\x1b[2JAda\\u{202e}: 0/3');
    expect(result.out).toContain('unexpected character "\\x07"');
    expect(result.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });

  it('exits 2 when the problem set cannot be read', async () => {
    const room = classroom();
    writeFileSync(room.problems, 'part a: df/dx = ?');
    const result = await run(['grade', room.problems, room.submissions, '--results', room.results]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('a problem file starts with a "problem <id>" line');
  });
});

describe('cli: grade and solve read problem files as programs are read', () => {
  it('print how ambiguous forms of the problem file were read on standard error only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainrule-readings-'));
    const problems = join(dir, 'trig.problems');
    writeFileSync(problems, ['problem trig', 'f = sin^2 x', 'part a: df/dx = ?'].join('\n'));
    writeFileSync(join(dir, 'ada.txt'), 'df/dx = 2 sin(x) cos(x)\n');
    const warning = `warning: read sin^2 x as sin(x)^2 (a power of sin); write sin(sin(…)) for a composition (line 2, column 5 of ${problems})\n`;
    const graded = await run(['grade', problems, join(dir, 'ada.txt'), '--results', join(dir, 'results.jsonl')]);
    expect(graded.code).toBe(0);
    expect(graded.err).toBe(warning);
    expect(graded.out).toContain('ada: 1/1');
    expect(graded.out).not.toContain('warning');
    const solved = await run(['solve', problems, '--format', 'json']);
    expect(solved.code).toBe(0);
    expect(solved.err).toBe(warning);
    expect(JSON.parse(solved.out).warnings).toEqual([]);
  });
});
