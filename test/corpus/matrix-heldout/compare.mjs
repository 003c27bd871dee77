// Runs chainrule on every case file and compares with cases.json. Writes results.json.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
const here = path.dirname(new URL(import.meta.url).pathname);
const bin = path.resolve(here, '../../../bin/chainrule.js');
const cases = JSON.parse(fs.readFileSync(path.join(here, 'cases.json'), 'utf8'));
const res = []; const tally = {};
for (const c of cases) {
  const p = spawnSync('node', [bin, 'check', path.join(here, c.file), '--json'], { encoding: 'utf8' });
  let j = null; try { j = JSON.parse(p.stdout); } catch {}
  let kind;
  const claims = j?.claims ?? [];
  const cl = claims[claims.length - 1];
  if (p.status === 3 || /\n\s+at /.test(p.stderr) || !j) kind = 'crash';
  else if (j.errors?.length) kind = 'unreadable';
  else if (claims.length !== 1) kind = 'claim-count';
  else if (cl.verdict === 'undetermined') kind = 'undetermined';
  else if (cl.verdict !== c.expected) kind = c.expected === 'correct' ? 'false-reject' : 'false-accept';
  else if (c.expected === 'incorrect' && (cl.step ?? 1) !== c.firstWrongStep) kind = 'wrong-step';
  else kind = 'agree';
  tally[kind] = (tally[kind] ?? 0) + 1;
  res.push({ id: c.id, expected: c.expected, firstWrongStep: c.firstWrongStep, kind, exit: p.status, output: j ?? { stdout: p.stdout, stderr: p.stderr } });
}
fs.writeFileSync(path.join(here, 'results.json'), JSON.stringify(res, null, 2) + '\n');
console.log(tally);
for (const r of res) if (r.kind !== 'agree') console.log(r.kind, r.id);
