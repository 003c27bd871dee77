#!/usr/bin/env node
// Independent labeller for the matrix-calculus corpus (cases.json).
//
// It does not use chainrule. For every case it evaluates the case's mathjs `program`
// and `claim` with strict shape rules, computes the true gradient by central finite
// differences with one Richardson step, and compares. It prints a summary and exits 1
// if any stored `expected` label disagrees with what it computes, or if the `plain` /
// `latex` texts of a case do not say the same thing as its mathjs program (see
// "text check" below).
//
//   node test/corpus/matrix/label.mjs            summary
//   node test/corpus/matrix/label.mjs --verbose  one line per case
//   node test/corpus/matrix/label.mjs --write    store the computed labels into cases.json
//   node test/corpus/matrix/label.mjs FILE       label another cases file

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as math from 'mathjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CASES = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? path.join(HERE, 'cases.json');
const VERBOSE = process.argv.includes('--verbose');
const WRITE = process.argv.includes('--write');

const DRAWS = 3;            // random points per case
const FD_STEP = 1e-5;       // central differences at h and h/2, combined by Richardson
const REL_TOL = 1e-5;       // |claim - truth|_max <= REL_TOL * max(|truth|_max, FLOOR)
const FLOOR = 1e-3;
const KINK = 1e-3;          // reject draws where a relu/step argument is this close to 0
const BORDER = 1e-3;        // wrong claims whose error is below this are reported as "borderline"

// ---------------------------------------------------------------- values and strict shapes

class ShapeError extends Error {}
class Ones { constructor(row) { this.row = row; } }   // LaTeX \mathbf{1}: a ones vector of the fitting size

const isMat = (v) => math.isMatrix(v);
function dims(v) {
  if (typeof v === 'number') return null;
  if (isMat(v)) {
    const s = v.size();
    if (s.length !== 2) throw new ShapeError(`not a 2-D matrix (${s})`);
    return s;
  }
  throw new ShapeError(`unexpected value ${String(v)}`);
}
const shapeStr = (v) => (typeof v === 'number' ? 'scalar' : isMat(v) ? v.size().join('x') : String(v));
const onesM = (r, c) => math.ones(r, c);
function onesLike(other) {
  if (other instanceof Ones) throw new ShapeError('cannot size a ones vector against another ones vector');
  if (typeof other === 'number') return 1;
  const [r, c] = dims(other);
  return onesM(r, c);
}
function widen(col, cols) { return math.multiply(col, onesM(1, cols)); }

// elementwise binary op; `broadcast` allows a column r x 1 against r x c (for + and -)
function ew(op, a, b, broadcast) {
  if (a instanceof Ones) a = onesLike(b);
  if (b instanceof Ones) b = onesLike(a);
  const sa = dims(a), sb = dims(b);
  if (sa === null || sb === null) return op(a, b);
  if (sa[0] === sb[0] && sa[1] === sb[1]) return op(a, b);
  if (broadcast && sa[0] === sb[0]) {
    if (sb[1] === 1) return op(a, widen(b, sa[1]));
    if (sa[1] === 1) return op(widen(a, sb[1]), b);
  }
  throw new ShapeError(`elementwise operation on ${sa.join('x')} and ${sb.join('x')}`);
}
function mmul(a, b) {
  if (a instanceof Ones && b instanceof Ones) throw new ShapeError('ones times ones');
  if (b instanceof Ones) {
    if (b.row) throw new ShapeError('ambiguous ones row on the right');
    const s = dims(a); if (s === null) throw new ShapeError('scalar times ones vector');
    b = onesM(s[1], 1);
  }
  if (a instanceof Ones) {
    if (!a.row) throw new ShapeError('ambiguous ones column on the left');
    const s = dims(b); if (s === null) throw new ShapeError('ones vector times scalar');
    a = onesM(1, s[0]);
  }
  const sa = dims(a), sb = dims(b);
  if (sa !== null && sb !== null && sa[1] !== sb[0]) {
    throw new ShapeError(`matrix product of ${sa.join('x')} and ${sb.join('x')}`);
  }
  return math.multiply(a, b);
}
function sdiv(a, b) {
  if (typeof b !== 'number') throw new ShapeError(`division by a ${shapeStr(b)} (use ./)`);
  if (a instanceof Ones) throw new ShapeError('ones / scalar');
  return math.divide(a, b);
}
function spow(a, b) {
  if (typeof a !== 'number' || typeof b !== 'number') throw new ShapeError('^ on a matrix (use .^)');
  return Math.pow(a, b);
}
function transpose(a) {
  if (a instanceof Ones) return new Ones(!a.row);
  if (typeof a === 'number') return a;
  dims(a);
  return math.transpose(a);
}
function neg(a) { if (a instanceof Ones) throw new ShapeError('-ones'); return math.unaryMinus(a); }

// ---------------------------------------------------------------- helper functions (the scope)

let kinkMin = Infinity;   // smallest |argument| seen by relu/step since the last reset
const entrywise = (f) => (v) => {
  if (typeof v === 'number') return f(v);
  if (v instanceof Ones) throw new ShapeError('function of a ones vector');
  dims(v);
  return v.map((t) => f(t));
};
const sig = (t) => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));
const entries = (v) => (typeof v === 'number' ? [v] : (dims(v), v.toArray().flat()));
function cols(v) { const s = dims(v); return s === null ? 1 : s[1]; }
function sameShape(a, b, what) {
  const sa = dims(a), sb = dims(b);
  if ((sa === null) !== (sb === null) || (sa && (sa[0] !== sb[0] || sa[1] !== sb[1]))) {
    throw new ShapeError(`${what} of ${shapeStr(a)} and ${shapeStr(b)}`);
  }
}
function column(v, what) {
  const s = dims(v);
  if (s === null || s[1] !== 1) throw new ShapeError(`${what} needs a column vector, got ${shapeStr(v)}`);
  return s[0];
}
function perColumn(Z, f) {
  const s = dims(Z);
  if (s === null) throw new ShapeError('softmax of a scalar');
  const A = Z.toArray();
  const out = A.map((row) => row.slice());
  for (let j = 0; j < s[1]; j++) {
    const col = A.map((row) => row[j]);
    const r = f(col);
    for (let i = 0; i < s[0]; i++) out[i][j] = r[i];
  }
  return math.matrix(out);
}
const lse = (col) => { const m = Math.max(...col); return m + Math.log(col.reduce((s, t) => s + Math.exp(t - m), 0)); };

const HELPERS = {
  op_add: (a, b) => ew(math.add, a, b, true),
  op_sub: (a, b) => ew(math.subtract, a, b, true),
  op_mul: mmul,
  op_div: sdiv,
  op_pow: spow,
  op_emul: (a, b) => ew(math.dotMultiply, a, b, false),
  op_ediv: (a, b) => ew(math.dotDivide, a, b, false),
  op_epow: (a, b) => ew(math.dotPow, a, b, false),
  op_neg: neg,
  op_pos: (a) => a,
  transpose,
  sigmoid: entrywise(sig),
  dsigmoid: entrywise((t) => sig(t) * (1 - sig(t))),
  tanh: entrywise(Math.tanh),
  exp: entrywise(Math.exp),
  log: entrywise(Math.log),
  relu: entrywise((t) => { kinkMin = Math.min(kinkMin, Math.abs(t)); return t > 0 ? t : 0; }),
  step: entrywise((t) => { kinkMin = Math.min(kinkMin, Math.abs(t)); return t > 0 ? 1 : 0; }),
  softplus: entrywise((t) => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)))),
  sum: (A) => entries(A).reduce((s, t) => s + t, 0),
  mean: (A) => { const e = entries(A); return e.reduce((s, t) => s + t, 0) / e.length; },
  dot: (u, v) => {
    const n = column(u, 'dot'); const m = column(v, 'dot');
    if (n !== m) throw new ShapeError(`dot of lengths ${n} and ${m}`);
    const a = entries(u), b = entries(v);
    return a.reduce((s, t, i) => s + t * b[i], 0);
  },
  outer: (u, v) => { column(u, 'outer'); column(v, 'outer'); return math.multiply(u, math.transpose(v)); },
  softmax: (Z) => perColumn(Z, (c) => { const l = lse(c); return c.map((t) => Math.exp(t - l)); }),
  log_softmax: (Z) => perColumn(Z, (c) => { const l = lse(c); return c.map((t) => t - l); }),
  norm2: (A) => entries(A).reduce((s, t) => s + t * t, 0),
  sumcols: (A) => { const s = dims(A); if (s === null) throw new ShapeError('sumcols of a scalar'); return math.multiply(A, onesM(s[1], 1)); },
  sumrows: (A) => { const s = dims(A); if (s === null) throw new ShapeError('sumrows of a scalar'); return math.multiply(onesM(1, s[0]), A); },
  diag: (v) => { column(v, 'diag'); return math.matrix(math.diag(entries(v))); },
  ones: (r, c) => onesM(r, c === undefined ? 1 : c),
  eye: (n) => math.identity(n),
  mse: (A, B) => { sameShape(A, B, 'mse'); const a = entries(A), b = entries(B); return a.reduce((s, t, i) => s + (t - b[i]) ** 2, 0) / a.length; },
  cross_entropy: (P, Y) => {
    sameShape(P, Y, 'cross_entropy');
    const p = entries(P), y = entries(Y);
    return -p.reduce((s, t, i) => s + y[i] * Math.log(t), 0) / cols(P);
  },
  bce: (P, T) => {
    sameShape(P, T, 'bce');
    const p = entries(P), t = entries(T);
    return p.reduce((s, q, i) => s - (t[i] * Math.log(q) + (1 - t[i]) * Math.log(1 - q)), 0) / p.length;
  },
};
const FUNCTION_NAMES = new Set(Object.keys(HELPERS));

const OPS = {
  add: 'op_add', subtract: 'op_sub', multiply: 'op_mul', divide: 'op_div', pow: 'op_pow',
  dotMultiply: 'op_emul', dotDivide: 'op_ediv', dotPow: 'op_epow',
  unaryMinus: 'op_neg', unaryPlus: 'op_pos', ctranspose: 'transpose', transpose: 'transpose',
};

// parse a mathjs expression and route every operator through the strict helpers above
function strictTree(node, src) {
  const m = node.map((child) => strictTree(child, src));
  if (m.isOperatorNode) {
    const f = OPS[m.fn];
    if (!f) throw new Error(`unsupported operator '${m.op}' in: ${src}`);
    return new math.FunctionNode(new math.SymbolNode(f), m.args);
  }
  if (m.isFunctionNode && m.fn.isSymbolNode && !FUNCTION_NAMES.has(m.fn.name)) {
    throw new Error(`unknown function ${m.fn.name} in: ${src}`);
  }
  if (m.isAccessorNode || m.isIndexNode || m.isAssignmentNode || m.isFunctionAssignmentNode
      || m.isRangeNode || m.isConditionalNode || m.isObjectNode || m.isBlockNode || m.isRelationalNode) {
    throw new Error(`unsupported syntax (${m.type}) in: ${src}`);
  }
  return m;
}
function compile(src) {
  const tree = strictTree(math.parse(src), src);
  const code = tree.compile();
  const symbols = new Set();
  tree.traverse((n, p) => { if (n.isSymbolNode && p !== 'fn') symbols.add(n.name); });
  return { src, code, symbols };
}

// ---------------------------------------------------------------- random draws

function hashString(s) { let h = 2166136261; for (const ch of s) { h ^= ch.codePointAt(0); h = Math.imul(h, 16777619); } return h >>> 0; }
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function drawValue(rand, shape, kind) {
  const [r, c] = shape ?? [1, 1];
  const A = [];
  for (let i = 0; i < r; i++) {
    A.push([]);
    for (let j = 0; j < c; j++) {
      let t;
      switch (kind ?? 'uniform') {
        case 'uniform': t = -2 + 4 * rand(); break;
        case 'unit': t = 0.05 + 0.9 * rand(); break;
        case 'positive': t = 0.1 + 1.9 * rand(); break;
        case 'simplex': t = 0.05 + rand(); break;
        case 'onehot': t = 0; break;
        default: throw new Error(`unknown draw kind ${kind}`);
      }
      A[i].push(t);
    }
  }
  if (kind === 'simplex') {
    for (let j = 0; j < c; j++) { let s = 0; for (let i = 0; i < r; i++) s += A[i][j]; for (let i = 0; i < r; i++) A[i][j] /= s; }
  }
  if (kind === 'onehot') {
    for (let j = 0; j < c; j++) A[Math.floor(rand() * r)][j] = 1;
  }
  return shape ? math.matrix(A) : A[0][0];
}

// ---------------------------------------------------------------- comparing values

function toScalarOrNull(v) {
  if (typeof v === 'number') return v;
  if (isMat(v)) { const s = v.size(); if (s.length === 2 && s[0] === 1 && s[1] === 1) return v.get([0, 0]); }
  return null;
}
// a 1x1 matrix and a scalar are the same thing
function compareValues(claim, truth) {
  const cs = toScalarOrNull(claim), ts = toScalarOrNull(truth);
  let c, t;
  if (cs !== null && ts !== null) { c = [cs]; t = [ts]; } else {
    if (cs !== null || ts !== null || !isMat(claim) || !isMat(truth)) {
      return { ok: false, shape: true, msg: `shape ${shapeStr(claim)} vs ${shapeStr(truth)}` };
    }
    const a = claim.size(), b = truth.size();
    if (a[0] !== b[0] || a[1] !== b[1]) return { ok: false, shape: true, msg: `shape ${a.join('x')} vs ${b.join('x')}` };
    c = entries(claim); t = entries(truth);
  }
  let err = 0, scale = 0;
  for (let i = 0; i < t.length; i++) {
    err = Math.max(err, Math.abs(c[i] - t[i]));
    scale = Math.max(scale, Math.abs(t[i]));
  }
  if (!Number.isFinite(err)) return { ok: false, rel: Infinity, msg: 'not finite' };
  const rel = err / Math.max(scale, FLOOR);
  return { ok: rel <= REL_TOL, rel, msg: `relative error ${rel.toExponential(2)}` };
}
function literal(v) {
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.every((t) => typeof t === 'number')) return math.matrix(v.map((t) => [t]));  // [1, 2] is a column
  if (Array.isArray(v) && v.every((r) => Array.isArray(r))) return math.matrix(v);
  throw new Error(`bad literal ${JSON.stringify(v)}`);
}

// ---------------------------------------------------------------- a case's program

function prepareCase(c) {
  const sizes = c.sizes ?? {};
  const binds = (c.program ?? []).map(([name, src]) => ({ name, ...compile(src) }));
  const bound = new Set(binds.map((b) => b.name));
  const exprs = [];
  const claim = c.claim;
  if (claim.kind === 'derivative') {
    claim.steps.forEach((s) => exprs.push(compile(s)));
    if (!bound.has(claim.of)) throw new Error(`${claim.of} is not a binding`);
  } else if (claim.kind === 'identity') {
    exprs.push(compile(claim.left), compile(claim.right));
  } else if (claim.kind === 'value') {
    // nothing to compile
  } else throw new Error(`unknown claim kind ${claim.kind}`);
  // free symbols that are neither declared nor bound are scalar inputs
  const scalars = new Set();
  for (const e of [...binds, ...exprs]) for (const s of e.symbols) if (!(s in sizes) && !bound.has(s)) scalars.add(s);
  for (const s of scalars) if (FUNCTION_NAMES.has(s) || s in math) throw new Error(`${s} would collide with a built-in name`);
  for (const n of Object.keys(sizes)) if (bound.has(n)) throw new Error(`${n} is declared and bound`);
  return { c, sizes, binds, exprs, scalars: [...scalars].sort() };
}

function runProgram(prep, inputs, override) {
  const scope = { ...HELPERS, ...inputs };
  for (const b of prep.binds) {
    scope[b.name] = override && override.name === b.name ? override.value : b.code.evaluate(scope);
  }
  return scope;
}
function scalarOf(prep, scope, name) {
  const v = toScalarOrNull(scope[name]);
  if (v === null) throw new Error(`${name} is not a scalar (${shapeStr(scope[name])})`);
  return v;
}

function perturbed(v, idx, delta) {
  if (typeof v === 'number') return v + delta;
  const m = v.clone();
  m.set(idx, m.get(idx) + delta);
  return m;
}
// gradient of scalar binding `of` by an input or a binding, by central differences + Richardson
function fdGradient(prep, inputs, of, wrt) {
  const isInput = wrt in inputs;
  const base = isInput ? inputs[wrt] : runProgram(prep, inputs)[wrt];
  if (base === undefined) throw new Error(`unknown name ${wrt}`);
  const f = (val) => {
    const scope = isInput ? runProgram(prep, { ...inputs, [wrt]: val }) : runProgram(prep, inputs, { name: wrt, value: val });
    return scalarOf(prep, scope, of);
  };
  const grad1 = (idx) => {
    const d = (h) => (f(perturbed(base, idx, h)) - f(perturbed(base, idx, -h))) / (2 * h);
    const d1 = d(FD_STEP), d2 = d(FD_STEP / 2);
    return { r: (4 * d2 - d1) / 3, spread: Math.abs(d2 - d1) };
  };
  let spread = 0;
  if (typeof base === 'number') { const g = grad1(null); return { grad: g.r, spread: g.spread }; }
  const [r, c] = base.size();
  const G = [];
  for (let i = 0; i < r; i++) {
    G.push([]);
    for (let j = 0; j < c; j++) { const g = grad1([i, j]); G[i].push(g.r); spread = Math.max(spread, g.spread); }
  }
  return { grad: math.matrix(G), spread };
}

function evalExpr(e, scope) {
  try { return { value: e.code.evaluate(scope) }; } catch (err) {
    if (err instanceof ShapeError) return { shapeError: err.message };
    return { error: err.message };
  }
}

function drawInputs(prep, rand) {
  const kinds = prep.c.draws ?? {};
  const inputs = {};
  for (const [n, shape] of Object.entries(prep.sizes)) inputs[n] = drawValue(rand, shape, kinds[n]);
  for (const n of prep.scalars) inputs[n] = drawValue(rand, null, kinds[n]);
  return inputs;
}

// label one case; returns { verdict, firstWrongStep?, notes[] , draws[] }
function labelCase(prep) {
  const c = prep.c;
  const notes = [];
  const claim = c.claim;
  if (claim.kind === 'value') {
    const inputs = {};
    for (const [n, v] of Object.entries(claim.at)) inputs[n] = literal(v);
    for (const [n, shape] of Object.entries(prep.sizes)) {
      if (!(n in inputs)) throw new Error(`value claim does not give ${n}`);
      const s = dims(inputs[n]);
      if (!s || s[0] !== shape[0] || s[1] !== shape[1]) throw new Error(`literal for ${n} is ${shapeStr(inputs[n])}, declared ${shape.join('x')}`);
    }
    for (const n of prep.scalars) if (typeof inputs[n] !== 'number') throw new Error(`value claim does not give scalar ${n}`);
    kinkMin = Infinity;
    let truth;
    const m = /^d(\w+)\/d(\w+)$/.exec(claim.of);
    if (m) {
      runProgram(prep, inputs);
      const g = fdGradient(prep, inputs, m[1], m[2]);
      truth = g.grad;
    } else {
      const scope = runProgram(prep, inputs);
      truth = scope[claim.of];
    }
    if (kinkMin < KINK) throw new Error('value claim sits on a relu kink');
    const cmp = compareValues(literal(claim.value), truth);
    notes.push(cmp.msg);
    return { verdict: cmp.ok ? 'correct' : 'incorrect', notes, minWrongRel: cmp.ok ? null : (cmp.shape ? Infinity : cmp.rel), points: [inputs] };
  }

  const rand = mulberry32(hashString(c.id));
  let firstWrong = null;      // derivative: 1-based step; identity: 1
  let minWrongRel = Infinity; // how far the wrong step is from the truth, at its closest draw
  const points = [];
  for (let d = 0; d < DRAWS; d++) {
    let inputs, scope, vals, tries = 0;
    for (;;) {
      if (++tries > 2000) throw new Error('could not draw a point away from relu kinks');
      inputs = drawInputs(prep, rand);
      kinkMin = Infinity;            // kinks matter where finite differences perturb: in the program
      scope = runProgram(prep, inputs);
      if (kinkMin >= KINK) break;
    }
    vals = prep.exprs.map((e) => evalExpr(e, scope));
    points.push(inputs);
    for (const v of vals) if (v.error) throw new Error(`evaluation error: ${v.error}`);
    if (claim.kind === 'identity') {
      const [l, r] = vals;
      let ok;
      if (l.shapeError || r.shapeError) { ok = false; notes.push(`shape error: ${l.shapeError ?? r.shapeError}`); }
      else {
        const cmp = compareValues(l.value, r.value);
        ok = cmp.ok;
        if (!ok) { minWrongRel = Math.min(minWrongRel, cmp.shape ? Infinity : cmp.rel); notes.push(cmp.msg); }
      }
      if (!ok) firstWrong = 1;
    } else {
      const g = fdGradient(prep, inputs, claim.of, claim.wrt);
      const scaleG = Math.max(...entries(g.grad).map(Math.abs), FLOOR);
      if (g.spread > 1e-4 * scaleG) notes.push(`finite differences unstable (spread ${g.spread.toExponential(1)})`);
      for (let k = 0; k < vals.length; k++) {
        const v = vals[k];
        let ok;
        if (v.shapeError) { ok = false; if (d === 0) notes.push(`step ${k + 1}: shape error: ${v.shapeError}`); }
        else {
          const cmp = compareValues(v.value, g.grad);
          ok = cmp.ok;
          if (!ok && (firstWrong === null || k + 1 <= firstWrong)) {
            if (firstWrong === null || k + 1 < firstWrong) minWrongRel = Infinity;
            minWrongRel = Math.min(minWrongRel, cmp.shape ? Infinity : cmp.rel);
            notes.push(`step ${k + 1}: ${cmp.msg}`);
          }
        }
        if (!ok) { if (firstWrong === null || k + 1 < firstWrong) firstWrong = k + 1; break; }
      }
    }
  }
  const verdict = firstWrong === null ? 'correct' : 'incorrect';
  const out = { verdict, notes, minWrongRel: verdict === 'incorrect' ? minWrongRel : null, points };
  if (verdict === 'incorrect' && claim.kind === 'derivative' && claim.steps.length > 1) out.firstWrongStep = firstWrong;
  return out;
}

// ---------------------------------------------------------------- text check
// The `plain` file (and the `latex` one, after a mechanical translation to plain) is read
// by a small reader of our own, its expressions are evaluated with mathjs's parser
// (juxtaposition = product, postfix ' = transpose), and every binding, claim step and
// literal must give the same values as the case's mathjs program/claim at the first draw.
// This checks the corpus texts; it is not used for the labels.

function splitTop(s, sep) {
  const out = []; let depth = 0, cur = '';
  for (const ch of s) {
    if (ch === '(' || ch === '[') depth++;
    if (ch === ')' || ch === ']') depth--;
    if (ch === sep && depth === 0) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}
function plainExpr(src) {
  let s = src.replace(/⊙/g, ' .* ').replace(/ᵀ/g, "'");
  // a name followed by "(" is a product unless the name is a function
  s = s.replace(/([A-Za-z_]\w*)(\s*)\(/g, (all, name) => (FUNCTION_NAMES.has(name) ? `${name}(` : `${name} * (`));
  return s;
}
function parsePlainFile(text) {
  const file = { decls: {}, binds: [], claim: null };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    let m;
    if ((m = /^([A-Za-z]\w*)\s*:\s*(\d+)(?:\s*x\s*(\d+))?$/.exec(line))) {
      file.decls[m[1]] = [Number(m[2]), m[3] ? Number(m[3]) : 1];
    } else if ((m = /^(d[A-Za-z]\w*\/d[A-Za-z]\w*|[A-Za-z]\w*)\s+at\s+(.*)$/.exec(line))) {
      file.claim = { kind: 'value', of: m[1], ...parseAt(m[2]) };
    } else if ((m = /^d([A-Za-z]\w*)\s*\/\s*d([A-Za-z]\w*)\s*=(.*)$/.exec(line))) {
      file.claim = { kind: 'derivative', of: m[1], wrt: m[2], steps: [m[3].trim()] };
    } else if ((m = /^=(.*)$/.exec(line))) {
      if (!file.claim || file.claim.kind !== 'derivative') throw new Error(`continuation without a claim: ${line}`);
      file.claim.steps.push(m[1].trim());
    } else if ((m = /^([A-Za-z]\w*)\s*=(.*)$/.exec(line)) && !/^\s*=/.test(m[2])) {
      file.binds.push([m[1], m[2].trim()]);
    } else {
      const sides = splitTop(line, '=');
      if (sides.length !== 2) throw new Error(`cannot read line: ${line}`);
      file.claim = { kind: 'identity', left: sides[0].trim(), right: sides[1].trim() };
    }
  }
  return file;
}
// value claims "L at a = 1, b = [1, 2] = 3"
function parseAt(rest) {
  const parts = splitTop(rest, '=');
  const names = [parts[0].trim()];
  const values = [];
  for (let i = 1; i < parts.length - 1; i++) {
    const pieces = splitTop(parts[i], ',');
    if (i < parts.length - 2) { values.push(pieces.slice(0, -1).join(',').trim()); names.push(pieces[pieces.length - 1].trim()); }
    else values.push(parts[i].trim());
  }
  const at = {};
  names.forEach((n, i) => { at[n] = JSON.parse(values[i]); });
  return { at, value: JSON.parse(parts[parts.length - 1].trim()) };
}

// LaTeX lines -> plain lines (only the constructs the corpus uses)
function replaceBraced(s, cmd, nargs, fn) {
  for (;;) {
    const i = s.indexOf(cmd);
    if (i < 0) return s;
    let j = i + cmd.length;
    const args = [];
    for (let k = 0; k < nargs; k++) {
      while (s[j] === ' ') j++;
      if (s[j] !== '{') throw new Error(`expected { after ${cmd} in ${s}`);
      let depth = 0, start = j;
      for (; j < s.length; j++) {
        if (s[j] === '{') depth++;
        if (s[j] === '}') { depth--; if (depth === 0) break; }
      }
      args.push(s.slice(start + 1, j));
      j++;
    }
    s = s.slice(0, i) + fn(...args) + s.slice(j);
  }
}
function latexToPlain(text) {
  const out = [];
  for (const raw of text.split('\n')) {
    let s = raw.replace(/%.*$/, '').trim();
    if (!s) continue;
    let m;
    if ((m = /^\\mathbf\{(\w+)\}\s*\\in\s*\\mathbb\{R\}\^\{(\d+)(?:\s*\\times\s*(\d+))?\}$/.exec(s))) {
      out.push(m[3] ? `${m[1]}: ${m[2]}x${m[3]}` : `${m[1]}: ${m[2]}`);
      continue;
    }
    s = s.replace(/^&=/, '=');
    s = s.replace(/\\frac\{\\partial\s+(\w+)\}\{\\partial\s+\\mathbf\{(\w+)\}\}/g, 'd$1/d$2');
    s = s.replace(/\\frac\{\\partial\s+(\w+)\}\{\\partial\s+\\boldsymbol\{\\(\w+)\}\}/g, 'd$1/d$2');
    s = s.replace(/\\left\(/g, '(').replace(/\\right\)/g, ')');
    s = s.replace(/\\boldsymbol\{\\(\w+)\}/g, ' $1');
    s = s.replace(/\\mathbf\{1\}/g, ' ONES');
    s = s.replace(/\\mathbf\{(\w+)\}/g, ' $1').replace(/\\mathbf\s+(\w)/g, ' $1');
    s = s.replace(/\^\{\\mathsf\s*T\}|\^\{\\top\}|\^\\top|\^\{T\}|\^T/g, "'");
    s = s.replace(/\\odot|\\circ/g, ' .* ');
    s = s.replace(/\\sigma'\s*\(/g, ' dsigmoid(').replace(/\\sigma\s*\(/g, ' sigmoid(');
    s = s.replace(/\\tanh/g, ' tanh').replace(/\\operatorname\{diag\}/g, ' diag');
    s = s.replace(/\\lambda/g, ' lambda').replace(/\\cdot/g, ' * ');
    s = s.replace(/\\\|(.*?)\\\|(?:_2)?\^2/g, ' norm2($1)');
    s = s.replace(/\\\|(.*?)\\\|_2\^\{2\}/g, ' norm2($1)');
    s = replaceBraced(s, '\\frac', 2, (a, b) => `((${a})/(${b}))`);
    if (/\\/.test(s)) throw new Error(`untranslated LaTeX: ${raw}`);
    out.push(s.replace(/\s+/g, ' ').trim());
  }
  return out.join('\n');
}

function sameLiteral(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
function textCheck(prep, text, which, inputs) {
  const problems = [];
  let file;
  try { file = parsePlainFile(text); } catch (e) { return [`${which}: ${e.message}`]; }
  const c = prep.c;
  const wantDecls = Object.fromEntries(Object.entries(c.sizes ?? {}).map(([n, s]) => [n, s]));
  if (!sameLiteral(Object.entries(file.decls).sort(), Object.entries(wantDecls).sort())) {
    problems.push(`${which}: declarations ${JSON.stringify(file.decls)} vs sizes ${JSON.stringify(wantDecls)}`);
  }
  const same = (a, b) => {
    if (a.error || b.error) return false;
    if (a.shapeError || b.shapeError) return !!(a.shapeError && b.shapeError);
    const cmp = compareValues(a.value, b.value);
    return cmp.ok && !cmp.shape && cmp.rel <= 1e-9;
  };
  const ev = (src, scope) => {
    try { return evalExpr(compile(plainExpr(src)), scope); } catch (e) { return { error: e.message }; }
  };
  const scopeCase = claimScope(prep, inputs);
  const scopeText = { ...HELPERS, ONES: new Ones(false), ...inputs };
  if (file.binds.length !== prep.binds.length) problems.push(`${which}: ${file.binds.length} bindings vs ${prep.binds.length}`);
  file.binds.forEach(([name, src], i) => {
    const b = prep.binds[i];
    const r = ev(src, scopeText);
    if (!b || b.name !== name) problems.push(`${which}: binding ${i + 1} is ${name}, program has ${b?.name}`);
    if (r.error) { problems.push(`${which}: binding ${name}: ${r.error}`); return; }
    if (r.shapeError) { problems.push(`${which}: binding ${name}: ${r.shapeError}`); return; }
    scopeText[name] = r.value;
    if (b && !same(r, { value: scopeCase[b.name] })) problems.push(`${which}: binding ${name} differs from the program`);
  });
  const cl = c.claim, fc = file.claim;
  if (!fc || fc.kind !== cl.kind) { problems.push(`${which}: claim kind ${fc?.kind} vs ${cl.kind}`); return problems; }
  if (cl.kind === 'derivative') {
    if (fc.of !== cl.of || fc.wrt !== cl.wrt) problems.push(`${which}: d${fc.of}/d${fc.wrt} vs d${cl.of}/d${cl.wrt}`);
    if (fc.steps.length !== cl.steps.length) problems.push(`${which}: ${fc.steps.length} steps vs ${cl.steps.length}`);
    fc.steps.forEach((s, k) => {
      if (k >= cl.steps.length) return;
      const a = ev(s, scopeText), b = evalExpr(prep.exprs[k], scopeCase);
      if (!same(a, b)) problems.push(`${which}: step ${k + 1} differs: text ${a.error ?? a.shapeError ?? shapeStr(a.value)} / program ${b.error ?? b.shapeError ?? shapeStr(b.value)}`);
    });
  } else if (cl.kind === 'identity') {
    for (const [side, k] of [['left', 0], ['right', 1]]) {
      const a = ev(fc[side], scopeText), b = evalExpr(prep.exprs[k], scopeCase);
      if (!same(a, b)) problems.push(`${which}: ${side} side differs`);
    }
  } else {
    const { at, value } = fc;
    if (fc.of !== cl.of) problems.push(`${which}: value of ${fc.of} vs ${cl.of}`);
    if (!sameLiteral(Object.entries(at).sort(), Object.entries(cl.at).sort())) problems.push(`${which}: at-literals differ`);
    if (!sameLiteral(value, cl.value)) problems.push(`${which}: claimed value differs`);
  }
  return problems;
}
function claimScope(prep, inputs) { return runProgram(prep, inputs); }

// ---------------------------------------------------------------- main

const cases = JSON.parse(readFileSync(CASES, 'utf8'));
const ids = new Set();
let disagreements = 0, errors = 0, textProblems = 0, borderline = 0;
const table = {};
const wrongRel = [];
for (const c of cases) {
  let res, prep;
  try {
    if (ids.has(c.id)) throw new Error('duplicate id');
    ids.add(c.id);
    prep = prepareCase(c);
    res = labelCase(prep);
  } catch (e) {
    errors++;
    console.log(`ERROR     ${c.id}: ${e.message}`);
    continue;
  }
  const computed = { verdict: res.verdict };
  if (res.firstWrongStep !== undefined) computed.firstWrongStep = res.firstWrongStep;
  const agree = JSON.stringify(computed) === JSON.stringify(c.expected);
  if (!agree) {
    disagreements++;
    console.log(`DISAGREE  ${c.id}: stored ${JSON.stringify(c.expected)}, computed ${JSON.stringify(computed)}  [${res.notes.slice(0, 3).join('; ')}]`);
  }
  if (WRITE) c.expected = computed;
  if (res.verdict === 'incorrect') {
    wrongRel.push(res.minWrongRel);
    if (VERBOSE && res.minWrongRel < 0.05) console.log(`close     ${c.id}: ${res.minWrongRel.toExponential(2)}`);
    if (res.minWrongRel < BORDER) { borderline++; console.log(`BORDERLINE ${c.id}: a wrong step is only ${res.minWrongRel.toExponential(2)} away from the truth`); }
  }
  for (const n of res.notes) if (/unstable/.test(n)) console.log(`WARNING   ${c.id}: ${n}`);
  // text check at the first point
  const point = res.points[0];
  const probs = [];
  if (typeof c.plain !== 'string') probs.push('no plain text');
  else probs.push(...textCheck(prep, c.plain, 'plain', point));
  if (c.latex !== undefined) {
    let t;
    try { t = latexToPlain(c.latex); } catch (e) { probs.push(`latex: ${e.message}`); }
    if (t !== undefined) probs.push(...textCheck(prep, t, 'latex', point));
  }
  if (probs.length) { textProblems++; for (const p of probs) console.log(`TEXT      ${c.id}: ${p}`); }
  const key = c.topic;
  table[key] ??= { correct: 0, incorrect: 0, latex: 0, derivations: 0 };
  table[key][res.verdict]++;
  if (c.latex !== undefined) table[key].latex++;
  if (c.claim.kind === 'derivative' && c.claim.steps.length > 1) table[key].derivations++;
  if (VERBOSE) console.log(`${agree ? 'ok' : '!!'}  ${res.verdict.padEnd(9)} ${res.firstWrongStep ? `step ${res.firstWrongStep}` : '      '}  ${c.id}  ${res.notes.slice(0, 1).join('')}`);
}

if (WRITE) writeFileSync(CASES, JSON.stringify(cases, null, 2) + '\n');

const topics = Object.keys(table);
console.log('');
console.log('topic                  correct incorrect  total  latex  derivations');
let tc = 0, ti = 0, tl = 0, td = 0;
for (const t of topics) {
  const r = table[t];
  tc += r.correct; ti += r.incorrect; tl += r.latex; td += r.derivations;
  console.log(`${t.padEnd(22)} ${String(r.correct).padStart(7)} ${String(r.incorrect).padStart(9)} ${String(r.correct + r.incorrect).padStart(6)} ${String(r.latex).padStart(6)} ${String(r.derivations).padStart(12)}`);
}
console.log(`${'all'.padEnd(22)} ${String(tc).padStart(7)} ${String(ti).padStart(9)} ${String(tc + ti).padStart(6)} ${String(tl).padStart(6)} ${String(td).padStart(12)}`);
const finite = wrongRel.filter(Number.isFinite);
console.log('');
console.log(`${cases.length} cases; ${DRAWS} draws each; h = ${FD_STEP} with Richardson; tolerance ${REL_TOL} relative`);
console.log(`incorrect cases: ${wrongRel.length - finite.length} by shape, ${finite.length} by value (smallest relative error ${finite.length ? Math.min(...finite).toExponential(2) : '-'})`);
console.log(`label disagreements: ${disagreements}; errors: ${errors}; text problems: ${textProblems}; borderline: ${borderline}`);
process.exit(disagreements || errors || textProblems ? 1 : 0);
