/** Prints every verdict chainrule gives on the test corpora (student claims files, derivatives, identities) as JSON. */
import { readFileSync } from 'node:fs';
import { checkClaims } from '../check/claims.js';

const corpus = (name: string) => readFileSync(new URL(`../../test/corpus/${name}`, import.meta.url), 'utf8');
const rows = (name: string) => corpus(name).split('\n').slice(1).filter((line) => line.trim() !== '').map((line) => line.split('\t'));
const verdicts = (text: string) => checkClaims(text).claims.map((claim) => `${claim.line} ${claim.verdict} ${claim.reason ?? ''}`);

const student = corpus('student/cases.jsonl').split('\n').filter((line) => line.trim() !== '').map((line) => verdicts((JSON.parse(line) as { text: string }).text));
const derivatives = rows('derivatives.tsv').map(([fn, variable, claim]) => verdicts(`d/d${variable} (${fn}) = ${claim}`));
const identities = rows('identities.tsv').map(([a, b]) => verdicts(`${a} = ${b}`));
process.stdout.write(JSON.stringify({ student, derivatives, identities }));
