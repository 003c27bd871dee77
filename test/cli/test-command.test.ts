import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

function formulas(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chainrule-test-'));
  writeFileSync(join(dir, 'layer.claims'), '# a dense layer\nz = w*x + b\ndz/dw = x\ndz/db = 1\n');
  writeFileSync(join(dir, 'loss.claims'), 'L = (y - a)^2/2\ndL/da = y - a\n');
  return dir;
}

describe('cli: test', () => {
  it('runs every claim of the matching files as a test case and exits 1 when one fails', async () => {
    const dir = formulas();
    const result = await run(['test', join(dir, '*.claims')]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`✓ ${join(dir, 'layer.claims')}:3 dz/dw = x`);
    expect(result.out).toContain(`✗ ${join(dir, 'loss.claims')}:2 dL/da = y - a`);
    expect(result.out).toContain('    expected: a - y');
    expect(result.out).toContain('2 passed, 1 failed (3 claims in 2 files)');
  });

  it('exits 0 when every formula holds', async () => {
    const dir = formulas();
    expect((await run(['test', join(dir, 'layer.claims')])).code).toBe(0);
  });

  it('writes TAP', async () => {
    const dir = formulas();
    const lines = (await run(['test', join(dir, '*.claims'), '--reporter', 'tap'])).out.split('\n');
    expect(lines.slice(0, 4)).toEqual(['TAP version 13', '1..3', `ok 1 - ${join(dir, 'layer.claims')}:3 dz/dw = x`, `ok 2 - ${join(dir, 'layer.claims')}:4 dz/db = 1`]);
    expect(lines[4]).toBe(`not ok 3 - ${join(dir, 'loss.claims')}:2 dL/da = y - a`);
    expect(lines.slice(5, 8)).toEqual(['  ---', '  verdict: "incorrect"', '  expected: "a - y"']);
  });

  it('writes JUnit XML', async () => {
    const dir = formulas();
    const out = (await run(['test', join(dir, '*.claims'), '--reporter', 'junit'])).out;
    expect(out).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="chainrule" tests="3" failures="1">/);
    expect(out).toContain('<failure message="incorrect: expected a - y">');
  });

  it('exits 2 when no file matches or a line cannot be read', async () => {
    const dir = formulas();
    expect((await run(['test', join(dir, '*.nothing')])).code).toBe(2);
    writeFileSync(join(dir, 'bad.claims'), 'd/dx (x^2 = 2x\n');
    expect((await run(['test', join(dir, 'bad.claims')])).code).toBe(2);
  });
});
