// The installed executable: a thin wrapper that starts, answers and exits with the right code.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/chainrule.js', import.meta.url));
const chainrule = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('bin/chainrule.js', () => {
  it('prints its version', () => {
    const result = chainrule('--version');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('runs a command', () => {
    const result = chainrule('grad', '(x + y)*z', '--at', 'x=-2,y=5,z=-4');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('∂f/∂z = x + y = 3');
  });

  it('exits 2 without a stack trace on bad input', () => {
    const result = chainrule('eval', 'log(-1)');
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(result.stderr).toMatch(/^error: log is defined only for positive numbers/);
  });
});
