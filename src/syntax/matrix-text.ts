/**
 * Lines of matrix claims as students write them, put into the tensor syntax the program grammar reads: LaTeX
 * (`\frac{\partial L}{\partial \mathbf{W}} = 2(\mathbf{W}\mathbf{x} - \mathbf{y})\mathbf{x}^\top`, `\odot`, `^{\mathsf T}`,
 * `\|\mathbf r\|^2`, `\mathbf{W} \in \mathbb{R}^{4 \times 3}`, layer indices `z^{[1]}` as z1) and, in either syntax,
 * an activation's derivative `σ'(z)`, `tanh'(z)`, `relu'(z)` written out (σ(z) ⊙ (1 − σ(z)), 1 − tanh(z).^2, step(z)).
 */

/** A command of LaTeX this reading does not know. */
export class UnknownCommand extends Error {
  constructor(readonly command: string, readonly hint?: string) {
    super(`${command} is not a command chainrule reads in a matrix claim`);
  }
}

/** Whether a line is written in LaTeX (it has a command such as \frac or \mathbf). */
export function isLatexLine(line: string): boolean {
  return /\\[A-Za-z|{]/.test(line);
}

/** A line of a matrix claims file in the tensor syntax (LaTeX read, activations' derivatives written out). */
export function tensorText(line: string): string {
  if (!isLatexLine(line)) return expandDerivativeCalls(line);
  // \mathbf{W} \in \mathbb{R}^{n \times m}, \quad \mathbf{x} \in \mathbb{R}^{m}: declarations one after another
  const read = latexToTensor(line).replace(/\s+/g, ' ').replace(/(:\s*[0-9A-Za-z_]+(?:\s*x\s*[0-9A-Za-z_]+)?)\s*,/g, '$1;');
  return expandDerivativeCalls(read);
}

/** Derivatives of activations applied entry by entry, as the lectures write them. */
const DERIVATIVES: Readonly<Record<string, (argument: string) => string>> = {
  sigmoid: (a) => `(sigmoid(${a}) .* (1 - sigmoid(${a})))`,
  'σ': (a) => `(sigmoid(${a}) .* (1 - sigmoid(${a})))`,
  tanh: (a) => `(1 - tanh(${a}).^2)`,
  relu: (a) => `step(${a})`,
  ReLU: (a) => `step(${a})`,
  softplus: (a) => `sigmoid(${a})`,
  exp: (a) => `exp(${a})`,
  log: (a) => `(1 ./ (${a}))`,
};

/** `σ'(z)`, `tanh′(W x)`: each activation's derivative applied to its argument, written out. */
export function expandDerivativeCalls(text: string): string {
  const pattern = /(sigmoid|σ|tanh|relu|ReLU|softplus|exp|log)\s*['′]\s*\(/g;
  let out = '';
  let from = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const open = match.index + match[0].length - 1;
    const close = matching(text, open, '(', ')');
    if (close < 0) break;
    out += text.slice(from, match.index) + DERIVATIVES[match[1]!]!(expandDerivativeCalls(text.slice(open + 1, close)));
    from = close + 1;
    pattern.lastIndex = from;
  }
  return out + text.slice(from);
}

const GREEK: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', iota: 'ι', kappa: 'κ',
  lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
};
const FUNCTIONS: Readonly<Record<string, string>> = { tanh: 'tanh', exp: 'exp', log: 'log', ln: 'log', sin: 'sin', cos: 'cos', max: 'max', min: 'min' };
const DROPPED = new Set(['left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'quad', 'qquad', 'nonumber', 'notag', 'displaystyle', 'limits']);
const SPACES = new Set([',', ';', '!', ':', ' ']);
const WRAPPERS = new Set(['mathbf', 'boldsymbol', 'bm', 'vec', 'mathit', 'mathbfit', 'pmb']);
const WORDS = new Set(['operatorname', 'text', 'mathrm', 'textrm', 'mathsf', 'textit', 'mathtt']);
const NAMED_FUNCTIONS: Readonly<Record<string, string>> = { relu: 'relu', softmax: 'softmax', diag: 'diag', sigmoid: 'sigmoid', tanh: 'tanh', sum: 'sum', mean: 'mean', step: 'step', norm2: 'norm2', log_softmax: 'log_softmax', logsoftmax: 'log_softmax', mse: 'mse', ce: 'cross_entropy', cross_entropy: 'cross_entropy', bce: 'bce', tr: 'trace' };

/** A LaTeX line in the tensor syntax. */
export function latexToTensor(line: string): string {
  return new LatexReader(line.replace(/\\\\\s*$/, '').replace(/\\(?:label|tag)\{[^}]*\}/g, '')).read();
}

/** A recursive reading of LaTeX into the tensor syntax, one group at a time. */
class LatexReader {
  private i = 0;

  constructor(private readonly text: string) {}

  read(until?: string): string {
    let out = '';
    while (this.i < this.text.length) {
      const c = this.text[this.i]!;
      if (until !== undefined && c === until) return out;
      if (c === '&') {
        this.i++;
        continue;
      }
      if (c === '{') {
        this.i++;
        out += `(${this.read('}')})`;
        this.i++;
        continue;
      }
      if (c === '^') {
        out += this.superscript();
        continue;
      }
      if (c === '_') {
        out += this.subscript();
        continue;
      }
      if (c === '\\') {
        out += this.command();
        continue;
      }
      out += c;
      this.i++;
    }
    return out;
  }

  /** The next group `{…}` or single token, read. */
  private argument(): string {
    while (this.text[this.i] === ' ') this.i++;
    if (this.text[this.i] === '{') {
      this.i++;
      const inner = this.read('}');
      this.i++;
      return inner;
    }
    if (this.text[this.i] === '\\') return this.command();
    return this.text[this.i++] ?? '';
  }

  /** The raw text of the next group or token, unread. */
  private rawArgument(): string {
    while (this.text[this.i] === ' ') this.i++;
    if (this.text[this.i] === '{') {
      const close = matching(this.text, this.i, '{', '}');
      const raw = this.text.slice(this.i + 1, close < 0 ? undefined : close);
      this.i = close < 0 ? this.text.length : close + 1;
      return raw;
    }
    if (this.text[this.i] === '\\') {
      const word = /^\\([A-Za-z]+)/.exec(this.text.slice(this.i));
      this.i += word ? word[0].length : 2;
      return word ? word[0] : this.text.slice(this.i - 2, this.i);
    }
    return this.text[this.i++] ?? '';
  }

  /** `^\top` and its spellings as a transpose, `^{[2]}` as a layer index, any other exponent as a power. */
  private superscript(): string {
    this.i++;
    const raw = this.rawArgument().trim();
    const layer = /^[[(]\s*([0-9A-Za-z]+)\s*[\])]\s*(.*)$/.exec(raw);
    if (layer) return layer[1]! + (layer[2]!.trim() === '' ? '' : transposeMark(layer[2]!.trim()) ?? `^(${new LatexReader(layer[2]!).read()})`);
    const mark = transposeMark(raw);
    if (mark !== undefined) return mark;
    if (raw === '\\prime' || raw === "'") return "'";
    return `^(${new LatexReader(raw).read()})`;
  }

  /** `W_1` and `W_{1}` as the name W_1; `\|r\|_2` and `\|r\|_F` are read with the norm. */
  private subscript(): string {
    this.i++;
    const raw = this.rawArgument().trim();
    return /^[A-Za-z0-9]+$/.test(raw) ? `_${raw}` : `_${new LatexReader(raw).read().replace(/[^A-Za-z0-9_]/g, '')}`;
  }

  private command(): string {
    const rest = this.text.slice(this.i);
    if (rest.startsWith('\\|')) return this.norm('\\|');
    if (rest.startsWith('\\\\')) {
      this.i += 2;
      return ' ';
    }
    const single = /^\\([^A-Za-z])/.exec(rest);
    if (single) {
      this.i += 2;
      if (SPACES.has(single[1]!)) return ' ';
      if ('{}()[]'.includes(single[1]!)) return single[1] === '{' ? '(' : single[1] === '}' ? ')' : single[1]!;
      if (single[1] === '_') return '_'; // cross\_entropy
      throw new UnknownCommand(single[0]);
    }
    const word = /^\\([A-Za-z]+)/.exec(rest)!;
    const name = word[1]!;
    this.i += word[0].length;
    if (DROPPED.has(name)) return ' ';
    if (name === 'lVert' || name === 'Vert') return this.norm(name === 'lVert' ? '\\rVert' : '\\Vert');
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac') return this.fraction();
    if (WRAPPERS.has(name)) {
      const inner = this.argument().trim();
      if (inner === '1') return this.ones();
      return ` ${inner}`;
    }
    if (name === 'hat') {
      const inner = this.argument().trim();
      return inner === 'y' ? ' ŷ' : ` ${inner}_hat`;
    }
    if (WORDS.has(name)) {
      const inner = this.rawArgument().trim().replace(/\\_/g, '_');
      const known = NAMED_FUNCTIONS[inner.toLowerCase()];
      if (known) return ` ${known}`;
      if (/^[A-Za-z][A-Za-z0-9_]*$/.test(inner)) return ` ${inner}`;
      return ` ${new LatexReader(inner).read()}`;
    }
    if (name === 'sigma') return this.activation('σ');
    if (name in GREEK) return ` ${GREEK[name]!}`;
    if (name in FUNCTIONS) return this.activation(FUNCTIONS[name]!);
    if (name === 'odot' || name === 'circ') return ' .* ';
    if (name === 'oslash') return ' ./ ';
    if (name === 'cdot' || name === 'times') return ' * ';
    if (name === 'top' || name === 'intercal' || name === 'prime') return "'";
    if (name === 'in') return this.declaration();
    if (name === 'partial') return ' ∂';
    if (name === 'approx') return ' = ';
    throw new UnknownCommand(`\\${name}`, name === 'sum' ? 'write a sum over a batch with sum(…), sumcols(…) or a matrix product' : undefined);
  }

  /**
   * `\mathbf{1}`: with its size as a subscript (`\mathbf{1}_B`), a column of ones; beside + or − (`\mathbf{1} - \mathbf{a}`),
   * the ones of the other side's shape, which is 1 broadcast; in a product, the column of ones the product needs.
   */
  private ones(): string {
    if (this.text[this.i] === '_') {
      this.i++;
      const size = new LatexReader(this.rawArgument()).read().trim();
      return ` ones(${size}, 1)`;
    }
    const before = this.text.slice(0, this.i).replace(/\\mathbf\s*\{?\s*1\s*\}?$/, '').trimEnd();
    const after = this.text.slice(this.i).trimStart();
    if (/[-+(]$/.test(before) || /^[-+]/.test(after)) return ' 1';
    return ' ONES'; // a column of ones sized by the product it is in (src/build/tensor.ts)
  }

  /** `\sigma(…)`, `\sigma'(…)`, `\tanh(…)`: the function, its derivative marked by a prime for expandDerivativeCalls. */
  private activation(name: string): string {
    while (this.text[this.i] === ' ') this.i++;
    let prime = '';
    if (this.text[this.i] === "'") {
      prime = "'";
      this.i++;
    } else if (this.text.startsWith('^{\\prime}', this.i) || this.text.startsWith('^\\prime', this.i)) {
      prime = "'";
      this.i += this.text.startsWith('^{\\prime}', this.i) ? 9 : 7;
    }
    while (this.text[this.i] === ' ') this.i++;
    if (this.text.startsWith('\\left', this.i)) this.i += 5;
    if (this.text[this.i] === '(') {
      this.i++;
      return ` ${name}${prime}(`;
    }
    // \tanh z, \sigma \mathbf{z}: the argument is the next group
    const argument = this.argument().trim();
    return ` ${name}${prime}(${argument})`;
  }

  /** `\frac{\partial L}{\partial \mathbf W}` as dL/dW, any other fraction as (a)/(b). */
  private fraction(): string {
    const numerator = this.argument().trim();
    const denominator = this.argument().trim();
    const derivative = /^(?:∂|d)\s*([^\s∂]+)$/;
    const [top, bottom] = [derivative.exec(numerator), derivative.exec(denominator)];
    if (top && bottom) return ` d${top[1]}/d${bottom[1]} `;
    return `(${numerator})/(${denominator})`;
  }

  /** `\|r\|^2`, `\|r\|_2^2`, `\|W\|_F^2` as norm2(r); a norm not squared as sqrt(norm2(r)). */
  private norm(close: string): string {
    this.i += this.text.startsWith('\\|', this.i) ? 2 : 0;
    const end = this.text.indexOf(close, this.i);
    if (end < 0) throw new UnknownCommand('\\|', 'close the norm with \\|');
    const inner = new LatexReader(this.text.slice(this.i, end)).read();
    this.i = end + close.length;
    if (this.text[this.i] === '_') {
      this.i++;
      this.rawArgument();
    }
    if (this.text[this.i] === '^') {
      this.i++;
      const power = this.rawArgument().trim();
      return power === '2' ? ` norm2(${inner})` : ` sqrt(norm2(${inner}))^(${power})`;
    }
    return ` sqrt(norm2(${inner}))`;
  }

  /** `\in \mathbb{R}^{4 \times 3}` as the shape `: 4x3`. */
  private declaration(): string {
    const rest = this.text.slice(this.i);
    const found = /^\s*\\mathbb\s*\{?\s*R\s*\}?\s*\^\s*(?:\{([^}]*)\}|(\w))/.exec(rest);
    if (!found) throw new UnknownCommand('\\in', 'declare a shape as \\mathbf{W} \\in \\mathbb{R}^{4 \\times 3}');
    this.i += found[0].length;
    const dims = (found[1] ?? found[2]!).split(/\\times|×|\*|,/).map((part) => part.trim());
    return `: ${dims.join('x')}`;
  }
}

/** `\top`, `T`, `\mathsf{T}`, `\intercal`, `\mathrm T` as a transpose mark. */
function transposeMark(raw: string): string | undefined {
  const plain = raw.replace(/\\(?:mathsf|mathrm|text|textsf|mathbf|mathit)\s*/g, '').replace(/[{}\s]/g, '');
  return plain === '\\top' || plain === 'T' || plain === '\\intercal' || plain === '\\mathsf' ? "'" : undefined;
}

/** The index of the bracket closing the one at `open`, or −1. */
function matching(text: string, open: number, left: string, right: string): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    if (text[k] === left) depth++;
    else if (text[k] === right && --depth === 0) return k;
  }
  return -1;
}
