/**
 * Verdicts under load: the test corpora checked on a quiet machine and again while two busy processes take every
 * core, each in a process of its own. Verdicts depend only on the input and the options, so they must be identical.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Every verdict on the corpora, computed in a fresh process. */
function verdicts(): { text: string; ms: number } {
  const started = Date.now();
  const run = spawnSync(process.execPath, [fileURLToPath(new URL('./verdicts-child.js', import.meta.url))], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`checking the corpora failed: ${run.stderr}`);
  return { text: run.stdout, ms: Date.now() - started };
}

/** The corpora's verdicts quiet and loaded, and whether they are the same. */
export function verdictsUnderLoad() {
  const quiet = verdicts();
  const busy = [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  try {
    const loaded = verdicts();
    const counts = JSON.parse(quiet.text) as Record<string, unknown[]>;
    return {
      claims_files: Object.fromEntries(Object.entries(counts).map(([name, files]) => [name, files.length])),
      quiet_seconds: quiet.ms / 1000,
      loaded_seconds: loaded.ms / 1000,
      busy_processes: busy.length,
      identical: quiet.text === loaded.text,
    };
  } finally {
    for (const process of busy) process.kill('SIGKILL');
  }
}
