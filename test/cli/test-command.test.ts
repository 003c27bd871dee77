import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'tap-parser';
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

  it('writes TAP that a TAP 13 parser reads without complaint, with the failure in its YAML block', async () => {
    const dir = formulas();
    const tap = (await run(['test', join(dir, '*.claims'), '--reporter', 'tap'])).out;
    const parsed = Parser.parse(tap);
    const final = parsed.find(([event]) => event === 'complete')![1] as { ok: boolean; count: number; pass: number; fail: number; plan: { start: number; end: number } };
    expect(parsed.filter(([event]) => event === 'extra' || event === 'bailout')).toEqual([]); // nothing outside TAP
    expect({ count: final.count, pass: final.pass, fail: final.fail, plan: [final.plan.start, final.plan.end] }).toEqual({ count: 3, pass: 2, fail: 1, plan: [1, 3] });
    const failed = parsed.find(([event, result]) => event === 'assert' && !(result as { ok: boolean }).ok)![1] as { diag: Record<string, unknown> };
    expect(failed.diag).toMatchObject({ verdict: 'incorrect', expected: 'a - y' });
  });

  it('writes JUnit XML', async () => {
    const dir = formulas();
    const out = (await run(['test', join(dir, '*.claims'), '--reporter', 'junit'])).out;
    expect(out).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="chainrule" tests="3" failures="1" errors="0" time="0">/);
    expect(out).toContain('<failure message="incorrect: expected a - y">');
    expect(out).toMatch(/<testsuite name="[^"]*layer.claims" tests="2" failures="0" errors="0" skipped="0" time="0" file="[^"]*layer.claims">/);
  });

  it('writes JUnit XML that the Jenkins xunit format (junit-10) accepts, control characters dropped', async () => {
    const dir = formulas();
    writeFileSync(join(dir, 'odd\u0001name.claims'), 'f = x^2\ndf/dx = 3x\n');
    const out = (await run(['test', join(dir, '*.claims'), '--reporter', 'junit'])).out;
    expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(out).toContain('oddname.claims');
    const xmllint = ['/usr/bin/xmllint', '/usr/local/bin/xmllint'].find((path) => existsSync(path));
    if (!xmllint) return;
    writeFileSync(join(dir, 'report.xml'), out);
    writeFileSync(join(dir, 'junit.xsd'), JUNIT_SCHEMA);
    const result = spawnSync(xmllint, ['--noout', '--schema', join(dir, 'junit.xsd'), join(dir, 'report.xml')], { encoding: 'utf8' });
    expect(result.stderr).toContain('validates');
    expect(result.status).toBe(0);
  });

  it('exits 2 when no file matches or a line cannot be read', async () => {
    const dir = formulas();
    expect((await run(['test', join(dir, '*.nothing')])).code).toBe(2);
    writeFileSync(join(dir, 'bad.claims'), 'd/dx (x^2 = 2x\n');
    expect((await run(['test', join(dir, 'bad.claims')])).code).toBe(2);
  });
});

/**
 * The structure the Jenkins xunit plugin's JUnit format (junit-10) requires of a report, written here as a schema:
 * testsuites of testsuites; a testsuite needs name, tests, failures and errors, and may have skipped, time and file; a
 * testcase needs a name and may have classname and time; a failure may have message and type.
 */
const JUNIT_SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="failure"><xs:complexType mixed="true"><xs:attribute name="type" type="xs:string"/><xs:attribute name="message" type="xs:string"/></xs:complexType></xs:element>
  <xs:element name="testcase">
    <xs:complexType>
      <xs:sequence><xs:element ref="failure" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
      <xs:attribute name="name" type="xs:string" use="required"/>
      <xs:attribute name="classname" type="xs:string"/>
      <xs:attribute name="time" type="xs:string"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="testsuite">
    <xs:complexType>
      <xs:sequence><xs:element ref="testcase" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
      <xs:attribute name="name" type="xs:string" use="required"/>
      <xs:attribute name="tests" type="xs:string" use="required"/>
      <xs:attribute name="failures" type="xs:string" use="required"/>
      <xs:attribute name="errors" type="xs:string" use="required"/>
      <xs:attribute name="skipped" type="xs:string"/>
      <xs:attribute name="time" type="xs:string"/>
      <xs:attribute name="file" type="xs:string"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="testsuites">
    <xs:complexType>
      <xs:sequence><xs:element ref="testsuite" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
      <xs:attribute name="name" type="xs:string"/>
      <xs:attribute name="tests" type="xs:string"/>
      <xs:attribute name="failures" type="xs:string"/>
      <xs:attribute name="errors" type="xs:string"/>
      <xs:attribute name="time" type="xs:string"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;
