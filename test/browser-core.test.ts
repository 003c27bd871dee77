// The core runs in a browser: src/index.ts bundled for the browser by esbuild (a Node import would fail the bundle),
// loaded into headless Chromium (Debian's chromium package) offline, and used there to check claims and differentiate.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** The first of chromium, chromium-browser on PATH. */
function findChromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser']) {
    for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** src/index.ts as one browser script that sets `chainrule`. */
async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'chainrule',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

// Runs in the page: a claim checked, a derivative taken, and an expression traced, left in a hidden element.
const USE = `<script>
try {
  const checked = chainrule.check('d/dx sin(x^2) = cos(x^2)\\nd/dx (x^3) = 3x^2');
  const derived = chainrule.diff('x^2*y/z', { wrt: ['x'] });
  const traced = chainrule.trace('q = x + y; f = q*z', 'x=-2, y=5, z=-4');
  const out = {
    verdicts: checked.claims.map((claim) => claim.verdict),
    diagnosis: checked.claims[0].diagnosisKind,
    agree: derived.verification.agree,
    gradient: traced.check.partials.map((partial) => [partial.variable, partial.reverse]),
  };
  report(out);
} catch (error) {
  report({ error: String(error) });
}
function report(value) {
  const pre = document.createElement('pre');
  pre.id = 'result';
  pre.textContent = JSON.stringify(value);
  document.body.append(pre);
}
</script>`;

const chromium = findChromium();
const title = chromium ? 'the core in a browser' : 'the core in a browser (skipped: chromium is missing; install it with `apt-get install chromium`, as .ci/run does)';
if (!chromium) console.log(`skipped: ${title}`);

describe('the core bundles for a browser', () => {
  it('bundles src/index.ts with platform browser: no module of Node is reached', async () => {
    const script = await bundle();
    expect(script.length).toBeGreaterThan(100_000);
    expect(script).not.toMatch(/require\(["']node:/);
  }, 60_000);

  it.skipIf(!chromium)(title, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chainrule-core-'));
    try {
      const page = join(dir, 'core.html');
      await writeFile(page, `<!doctype html><html><head><meta charset="utf-8"></head><body><script>${(await bundle()).replace(/<\/script/gi, '<\\/script')}</script>${USE}</body></html>`);
      const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', '--host-resolver-rules=MAP * ~NOTFOUND', `--user-data-dir=${join(dir, 'profile')}`];
      const { stdout } = await run(chromium!, [...flags, '--virtual-time-budget=5000', '--dump-dom', pathToFileURL(page).href], { timeout: 60_000, maxBuffer: 256 << 20 });
      const found = /<pre id="result">([^<]*)<\/pre>/.exec(stdout);
      expect(found, 'the page script ran').not.toBeNull();
      const out = JSON.parse(found![1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
      expect(out).toEqual({ verdicts: ['incorrect', 'correct'], diagnosis: 'chain-rule', agree: true, gradient: [['x', -4], ['y', -4], ['z', 3]] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
