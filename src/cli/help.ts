/** What `--help` of each command ends with: real examples, and the exit codes. */

/** Examples by command, each one a command that runs as written. */
const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  diff: ['chainrule diff "x^2*y/z" --wrt x,y', 'chainrule diff "L = norm2(W x - y)" --dims W=4x3,x=3,y=4 --wrt W', 'chainrule diff "sin(x^2)/x" --steps'],
  grad: ['chainrule grad "(x + y)*z" --at x=-2,y=5,z=-4'],
  trace: ['chainrule trace "q = x + y; f = q*z" --at x=-2,y=5,z=-4', 'chainrule trace "sigmoid(w*x + b)" --at w=0.3,x=0.5,b=0.1 --format svg > neuron.svg'],
  eval: ['chainrule eval "sigmoid(5.7)"', 'chainrule eval "x^2 + y" --at x=3,y=1'],
  parse: ['chainrule parse "2x sin x" --json'],
  check: ['chainrule check "d/dx (x^2 sin x) = 2x sin x + x^2 cos x"', 'chainrule check homework.txt', 'chainrule check hw.tex --annotate', 'chainrule check hw.md --watch'],
  test: ['chainrule test "formulas/**/*.claims" --reporter junit > report.xml'],
  grade: ['chainrule grade problems/seeds.problems submissions/ --csv grades.csv'],
  solve: ['chainrule solve', 'chainrule solve problems/vectorized.problems --format html -o solutions', 'chainrule solve my.problems --handout'],
  shapes: ['chainrule shapes problems/networks/two-hidden.net', 'chainrule shapes "f = tanh(W x + b)" --dims W=4x3,x=3,b=4 --layout numerator'],
  mlp: ['chainrule mlp problems/networks/xor.net --params problems/networks/xor.json --step sgd --lr 0.5'],
  autograder: ['chainrule autograder gradescope problems/seeds.problems -o gradescope'],
};

/** The exit codes, the same for every command. */
const EXIT_CODES = 'Exit codes: 0 success; 1 a check failed (a claim is wrong or undetermined, the methods disagree, or nothing could be checked); 2 bad input (a syntax error, an unreadable file, a bad option); 3 an internal error (a bug).';

/** The text after a command's options in its --help. */
export function helpAfter(command: string): string {
  const examples = EXAMPLES[command] ?? [];
  return `${examples.length > 0 ? `\nExamples:\n${examples.map((example) => `  $ ${example}`).join('\n')}\n` : ''}\n${EXIT_CODES}`;
}
