/**
 * `chainrule autograder gradescope|prairielearn <problem file> -o DIR`: what an autograding platform needs to run
 * chainrule on each submission (Gradescope's setup.sh and run_autograder; PrairieLearn's grader script and the
 * externalGradingOptions of info.json), with the problem file beside them and the published npm package installed.
 */
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { parseProblems } from '../check/problems.js';
import { InputError } from '../errors.js';
import { EXIT, type Io, readText } from './io.js';
import { version } from './version.js';

interface AutograderFlags {
  output: string;
}


/** Registers the autograder command. */
export function registerAutograder(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('autograder')
    .description('write what Gradescope or PrairieLearn needs to grade submissions with chainrule against a problem file')
    .argument('<platform>', 'gradescope or prairielearn')
    .argument('<problems>', 'the problem file')
    .requiredOption('-o, --output <dir>', 'the folder to write the files into')
    .action((platform: string, problems: string, flags: AutograderFlags) => {
      if (platform !== 'gradescope' && platform !== 'prairielearn') throw new InputError('usage', `${platform} is not a platform chainrule writes an autograder for`, undefined, 'write gradescope or prairielearn');
      parseProblems(readText(problems), problems); // the problem file must be right before it is shipped
      const dir = flags.output;
      if (existsSync(dir) && !statSync(dir).isDirectory()) throw new InputError('io', `cannot write to ${dir}: a file is in the way (-o takes a folder)`);
      mkdirSync(dir, { recursive: true });
      const name = basename(problems);
      copyFileSync(problems, join(dir, name));
      const files = platform === 'gradescope' ? gradescope(name) : prairielearn(name);
      for (const [file, content, executable] of files) writeFileSync(join(dir, file), content, { mode: executable ? 0o755 : 0o644 });
      io.out(`wrote ${files.length + 1} files to ${dir}: ${[name, ...files.map(([file]) => file)].join(', ')}`);
      done(EXIT.ok);
    });
}

type File = readonly [name: string, content: string, executable: boolean];

/** Gradescope: setup.sh installs Node and chainrule; run_autograder grades /autograder/submission into results.json. */
function gradescope(problems: string): File[] {
  const setup = `#!/usr/bin/env bash
# Gradescope runs this once, when the autograder image is built.
set -euo pipefail
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi
npm install --global chainrule@${version()}
`;
  const run = `#!/usr/bin/env bash
# Gradescope runs this for each submission: the student's files are in /autograder/submission, and the grade goes
# to /autograder/results/results.json (Gradescope's format: a test per ask, the feedback in Markdown).
set -uo pipefail
root="\${AUTOGRADER_ROOT:-/autograder}"
chainrule="\${CHAINRULE:-chainrule}"
mkdir -p "$root/results"
$chainrule grade "$root/source/${problems}" "$root/submission" --results "$root/results/grades.jsonl" --gradescope "$root/results/results.json" > "$root/results/grades.txt"
status=$?
cat "$root/results/grades.txt"
exit $status
`;
  return [
    ['setup.sh', setup, true],
    ['run_autograder', run, true],
    ['README.txt', `Zip setup.sh, run_autograder and ${problems} together and upload the zip as the assignment's autograder.\n`, false],
  ];
}

/** PrairieLearn: an external grader script reading /grade/student and writing /grade/results/results.json. */
function prairielearn(problems: string): File[] {
  const run = `#!/usr/bin/env bash
# PrairieLearn's external grader runs this in its container: the student's files are in /grade/student, this folder
# is /grade/tests, and the result goes to /grade/results/results.json (a score in [0, 1] and a test per ask).
set -uo pipefail
root="\${GRADE_ROOT:-/grade}"
chainrule="\${CHAINRULE:-npx --yes chainrule@${version()}}"
mkdir -p "$root/results"
$chainrule grade "$root/tests/${problems}" "$root/student" --results "$root/results/grades.jsonl" --prairielearn "$root/results/results.json"
`;
  const info = `${JSON.stringify({ externalGradingOptions: { enabled: true, image: 'node:20', entrypoint: '/grade/tests/run.sh', timeout: 120 } }, null, 2)}\n`;
  return [
    ['run.sh', run, true],
    ['info.json', info, false],
    ['README.txt', `Put run.sh and ${problems} in the question's tests/ folder, and merge info.json into the question's info.json.\n`, false],
  ];
}
