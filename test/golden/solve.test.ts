// Golden tests: the worked solutions of problems/ must match the committed ones in test/golden/solve/.
// After a deliberate change, regenerate them with `npm run golden:update` (UPDATE_GOLDEN=1) and review the diff.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';

const GOLDEN = fileURLToPath(new URL('./solve/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

describe('golden: chainrule solve on problems/', async () => {
  const out = mkdtempSync(join(tmpdir(), 'chainrule-golden-'));
  const result = await run(['solve', '--format', 'markdown', '-o', out]);
  const produced = readdirSync(out).filter((name) => name.endsWith('.md') && name !== 'index.md').sort();

  it('solves every problem and verifies it', () => {
    expect(result.code).toBe(0);
    expect(produced.length).toBeGreaterThan(0);
  });

  if (UPDATE) {
    rmSync(GOLDEN, { recursive: true, force: true });
    mkdirSync(GOLDEN, { recursive: true });
    for (const name of produced) writeFileSync(join(GOLDEN, name), readFileSync(join(out, name), 'utf8'));
  }

  it('has a golden file for each problem, and no stale ones', () => {
    const committed = existsSync(GOLDEN) ? readdirSync(GOLDEN).filter((name) => name.endsWith('.md')).sort() : [];
    expect(committed, 'run `npm run golden:update` after adding or removing a problem').toEqual(produced);
  });

  it.each(produced)('%s matches its golden file', (name) => {
    const expected = readFileSync(join(GOLDEN, name), 'utf8');
    expect(readFileSync(join(out, name), 'utf8'), `differs from test/golden/solve/${name}: if the change is meant, run npm run golden:update`).toBe(expected);
  });
});
