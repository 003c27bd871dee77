// The package as users get it: packed with npm pack, installed into a new project, used through its exports.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });

describe('package: packed, installed and used from another project', () => {
  it('exports the library API, its engines and Node entries, and the vitest matcher, and installs the chainrule command', { timeout: 240_000 }, () => {
    const work = mkdtempSync(join(tmpdir(), 'chainrule-package-'));
    npm(['pack', '--pack-destination', work, '--ignore-scripts'], root);
    const tarball = join(work, readdirSync(work).find((name) => name.endsWith('.tgz'))!);
    const project = join(work, 'project');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-chainrule', private: true, type: 'module' }));
    const vitestVersion = (JSON.parse(npm(['ls', 'vitest', '--json', '--depth=0'], root)) as { dependencies: { vitest: { version: string } } }).dependencies.vitest.version;
    npm(['install', '--prefer-offline', '--no-package-lock', '--engine-strict', tarball, `vitest@${vitestVersion}`], project); // every dependency supports the Node chainrule declares

    writeFileSync(
      join(project, 'formulas.test.js'),
      [
        "import { expect, test } from 'vitest';",
        "import { check, diff } from 'chainrule';",
        "import { differentiate, parse, printText } from 'chainrule/engines';",
        "import { runFormulaFiles } from 'chainrule/node';",
        "import 'chainrule/vitest';",
        "test('the library differentiates and checks', () => {",
        "  const program = parse('x^2*y/z');",
        "  const derivatives = differentiate(program.graph, program.output);",
        "  expect(printText(program.graph, derivatives.byVariable.get('x'))).toBe('2*x*y/z');",
        "  expect(check('d/dx sin(x^2) = cos(x^2)').claims[0].diagnosisKind).toBe('chain-rule');",
        "  expect(diff('x^2*y', { wrt: ['x'] }).verification.agree).toBe(true);",
        "  expect(typeof runFormulaFiles).toBe('function');",
        '});',
        "test('the matcher checks hand-derived formulas', () => {",
        "  expect('2*x*cos(x^2)').toBeDerivativeOf('sin(x^2)', 'x');",
        "  expect('cos(x^2)').not.toBeDerivativeOf('sin(x^2)', 'x');",
        '});',
      ].join('\n'),
    );
    const vitest = execFileSync(process.execPath, [join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], { cwd: project, encoding: 'utf8' });
    expect(vitest).toMatch(/2 passed/);

    const cli = execFileSync(process.execPath, [join(project, 'node_modules', '.bin', 'chainrule'), 'diff', 'x^2*y/z', '--wrt', 'x'], { cwd: project, encoding: 'utf8' });
    expect(cli).toContain('∂f/∂x = 2*x*y/z');

    // the matchers as plain functions, without vitest (for Jest's or Bun's expect.extend)
    writeFileSync(
      join(project, 'plain.mjs'),
      [
        "import { matchers } from 'chainrule/matchers';",
        "const right = matchers.toBeDerivativeOf('2*x*cos(x^2)', 'sin(x^2)', 'x');",
        "const wrong = matchers.toBeDerivativeOf('cos(x^2)', 'sin(x^2)', 'x');",
        "let threw = false;",
        "try { matchers.toBeDerivativeOf('2*x', 'sin(x^2', 'x'); } catch { threw = true; }",
        "console.log(JSON.stringify([right.pass, wrong.pass, threw]));",
      ].join('\n'),
    );
    expect(execFileSync(process.execPath, ['plain.mjs'], { cwd: project, encoding: 'utf8' }).trim()).toBe('[true,false,true]');

    // a strict TypeScript consumer compiles against the published types, with node16 and with bundler resolution
    writeFileSync(
      join(project, 'consumer.ts'),
      [
        "import { check, diff, matrixDiff } from 'chainrule';",
        "import { differentiate, parse, printText } from 'chainrule/engines';",
        "import { runFormulaFiles } from 'chainrule/node';",
        "const program = parse('x^2');",
        "const text: string = printText(program.graph, differentiate(program.graph, program.output).byVariable.get('x')!);",
        "const verdict: string = check('d/dx x^2 = 2x').claims[0]!.verdict;",
        "const agree: boolean = diff('x^2').verification.agree && matrixDiff('L = norm2(W x)', { dims: 'W=2x2,x=2' }).agree;",
        'export const results = [text, verdict, agree, typeof runFormulaFiles];',
      ].join('\n'),
    );
    const typescript = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const compile = (resolution: 'node16' | 'bundler') =>
      execFileSync(process.execPath, [typescript, '--noEmit', '--strict', '--skipLibCheck', 'false', '--target', 'es2022', '--module', resolution === 'node16' ? 'node16' : 'esnext', '--moduleResolution', resolution, '--types', 'node', '--typeRoots', join(root, 'node_modules', '@types'), 'consumer.ts'], { cwd: project, encoding: 'utf8' });
    expect(compile('node16')).toBe('');
    expect(compile('bundler')).toBe('');
  });
});
