/**
 * A worker thread of the guard (guard.ts): checks claims texts and grades submissions it is sent, one at a time,
 * reporting each claim as it starts, so that the guard knows which claim it stopped when it has to.
 */
import { parentPort } from 'node:worker_threads';
import { checkClaims } from '../check/claims.js';
import { gradeFile } from '../node/grade-class.js';
import { parseProblems, type ProblemSet } from '../check/problems.js';
import { sendable, type TaskMessage, type WorkerMessage } from './guard.js';

const sets = new Map<string, ProblemSet>(); // problem sets, parsed once per worker

function run({ id, task, stopped }: TaskMessage): WorkerMessage {
  const onClaim = (line: number) => parentPort!.postMessage({ id, type: 'claim', line } satisfies WorkerMessage);
  const options = { ...task.options, onClaim, stopped: new Map(stopped) };
  if (task.kind === 'check') return { id, type: 'done', result: sendable(checkClaims(task.text, options)) };
  let set = sets.get(task.problems.text);
  if (!set) sets.set(task.problems.text, (set = parseProblems(task.problems.text, task.problems.name)));
  return { id, type: 'done', result: gradeFile(set, task.file, options) };
}

parentPort?.on('message', (message: TaskMessage) => {
  parentPort!.postMessage({ id: message.id, type: 'started' } satisfies WorkerMessage);
  let answer: WorkerMessage;
  try {
    answer = run(message);
  } catch (error) {
    answer = { id: message.id, type: 'failed', message: (error as Error).message ?? String(error) };
  }
  parentPort!.postMessage(answer);
});
