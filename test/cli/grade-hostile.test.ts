// A hostile class: every honest submission gets exactly its grade, whatever else is in the folder. (How long such a
// class takes and how much memory it needs are measured by `npm run bench`, not here.)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type Run } from './run.js';

const PROBLEMS = ['problem p "Product gate"', 'f = (x + y)*z', 'part a (2 points): df/dx = ?; df/dz = ?', 'part b (1 point): df/dx at x=-2, y=5, z=-4 = ?'].join('\n');
const honest = (name: string, end = '\n') => ['# student: ' + name, 'df/dx = z', 'df/dz = x + y', 'df/dx at x=-2, y=5, z=-4 = -4', ''].join(end);

/** Bytes from a fixed seed: a "binary" upload. */
function noise(length: number): Buffer {
  let state = 12345;
  return Buffer.from(Array.from({ length }, () => (state = (state * 1103515245 + 12345) % 2 ** 31) & 0xff));
}

function hostileClass(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chainrule-hostile-'));
  writeFileSync(join(dir, 'hw.problems'), PROBLEMS);
  writeFileSync(join(dir, 'ada.txt'), honest('Ada'));
  writeFileSync(join(dir, 'bob.txt'), '# student: Bob\ndf/dx = z\ndf/dz = x\n');
  writeFileSync(join(dir, 'utf16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(honest('Le'), 'utf16le')]));
  writeFileSync(join(dir, 'utf16be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(honest('Be'), 'utf16le').swap16()]));
  writeFileSync(join(dir, 'bom-crlf.txt'), `\uFEFF${honest('Crlf', '\r\n')}`);
  writeFileSync(join(dir, 'cr.txt'), honest('Cr', '\r'));
  writeFileSync(join(dir, 'separators.txt'), honest('Sep', '\u2028'));
  writeFileSync(join(dir, 'binary.pdf'), noise(50_000));
  writeFileSync(join(dir, 'big.txt'), honest('Big') + `${'x'.repeat(99)}\n`.repeat(100_000)); // 10 MB
  writeFileSync(join(dir, 'deep.txt'), honest('Deep') + `df/dy = ${'('.repeat(100_000)}z${')'.repeat(100_000)}\n`);
  writeFileSync(join(dir, 'deep-short.txt'), honest('Deeper') + `df/dy = ${'sin('.repeat(1200)}z${')'.repeat(1200)}\n`.slice(0, 4990) + '\n');
  const tower = Array.from({ length: 2_000 }, () => 'z').join('^');
  writeFileSync(join(dir, 'tower.txt'), honest('Tower') + `df/dy = ${tower}\nsigmoid(2^(1e8/x)) = 1\nsigmoid(2^(1e9/x)) = 1\n2^2^2^2^2^2 = 1\nx: 100000\n`);
  writeFileSync(join(dir, 'escape.txt'), '# student: \u001b[2J\u001b[31mAda\u202eTXT.exe\ndf/dx = z\u001b]0;pwned\u0007\n');
  writeFileSync(join(dir, 'same-name.txt'), honest('Ada'));
  writeFileSync(join(dir, 'new\nline: 3 of 3.txt'), honest('Newline'));
  writeFileSync(Buffer.from(join(dir, 'caf\xe9.txt'), 'latin1'), honest('Latin'));
  symlinkSync('/etc/passwd', join(dir, 'passwd.txt'));
  symlinkSync(join(dir, 'ada.txt'), join(dir, 'copy-of-ada.txt'));
  symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling.txt'));
  symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
  symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
  mkdirSync(join(dir, 'folder'));
  writeFileSync(join(dir, 'folder', 'hidden-answer.txt'), honest('Folder'));
  return dir;
}

describe('grading a hostile class', () => {
  let dir: string;
  let result: Run;
  let json: { students: { student: string; file: string; total: number; errors: { message: string }[] }[]; warnings: string[]; skipped: string[] };

  beforeAll(async () => {
    dir = hostileClass();
    // `grade hw.problems .`: the problem file and the results file are in the folder graded
    await run(['grade', join(dir, 'hw.problems'), dir]);
    result = await run(['grade', join(dir, 'hw.problems'), dir, '--json']);
    json = JSON.parse(result.out);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true })); // 10 MB of it

  it('gives every honest submission exactly its grade', () => {
    const totals = Object.fromEntries(json.students.map((grade) => [grade.file.slice(dir.length + 1), grade.total]));
    expect(totals).toEqual({
      'ada.txt': 3,
      'big.txt': 3,
      'binary.pdf': 0,
      'bob.txt': 1,
      'bom-crlf.txt': 3,
      'cr.txt': 3,
      'deep-short.txt': 3,
      'deep.txt': 3,
      'escape.txt': 0,
      'new\nline: 3 of 3.txt': 3,
      'same-name.txt': 3,
      'separators.txt': 3,
      'tower.txt': 3,
      'utf16be.txt': 3,
      'utf16le.txt': 3,
    });
    expect(result.code).toBe(0);
  });

  it('never grades the problem file, the results file or anything reached by a link', () => {
    const files = json.students.map((grade) => grade.file);
    expect(files.some((file) => /hw\.(problems|grades)/.test(file) || file.includes('passwd') || file.includes('copy-of'))).toBe(false);
    expect(JSON.stringify(json)).not.toContain('root:x:0'); // /etc/passwd was not read
  });

  it('skips the odd entries of the folder, naming each, and grades the rest', () => {
    const skipped = json.skipped.map((entry) => entry.slice(dir.length + 1));
    expect(skipped).toEqual(
      expect.arrayContaining([
        'caf\xe9.txt: its name is not UTF-8 text, so it is not graded',
        expect.stringMatching(/^passwd\.txt: a symbolic link, which is not followed/),
        expect.stringMatching(/^copy-of-ada\.txt: a symbolic link/),
        expect.stringMatching(/^dangling\.txt: a symbolic link/),
        expect.stringMatching(/^loop-a: a symbolic link/),
        expect.stringMatching(/^loop-b: a symbolic link/),
        'folder: a folder (name it too to grade the files in it)',
      ]),
    );
  });

  it('says why a file was cut or not read at all', () => {
    const errors = (file: string) => json.students.find((grade) => grade.file.endsWith(file))!.errors.map((error) => error.message);
    expect(errors('big.txt')[0]).toMatch(/^only lines 1 to \d+ were graded: the submission is 10000069 bytes long and the limit is 200000 characters/);
    expect(errors('binary.pdf')).toEqual(['this is not a text file (a PDF, a Word document, an image?), so nothing in it can be graded']);
    expect(errors('deep.txt')[0]).toMatch(/^only lines 1 to 4 were graded: the submission is \d+ bytes long/);
    expect(errors('deep-short.txt')).toEqual([expect.stringMatching(/deep/)]);
  });

  it('flags students who go by the same name', () => {
    expect(json.warnings).toContainEqual(expect.stringMatching(/^2 submissions go by the name "Ada": .*ada\.txt, .*same-name\.txt; check which is whose$/));
  });

  it('prints nothing a terminal would act on, and no line a file name could forge', async () => {
    const text = await run(['grade', join(dir, 'hw.problems'), dir]);
    expect(text.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(text.out).toContain('\\x1b[2J\\x1b[31mAda\\u{202e}TXT.exe: 0/3');
    expect(text.out).not.toMatch(/^line: 3 of 3/m);
    expect(text.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(text.err).toContain('caf\\xe9.txt'.replace('\\xe9', 'é')); // a name that is not UTF-8, shown as Latin-1
  });

  it('keeps one record per submission in the results file', () => {
    const records = readFileSync(join(dir, 'hw.grades.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { key: string });
    expect(records).toHaveLength(15);
    expect(new Set(records.map((record) => record.key)).size).toBe(15);
  });
});
