// Independent labeler for the held-out matrix corpus.
// Each case (defs.mjs) carries the claims-file text AND a hand-written JS meaning of it:
//   f(v, N)      the loss; N(name, value) marks a binding (a graph node) so it can be perturbed
//   wrt          the input or binding the derivative is taken by
//   steps[k](v, n, d)  the k-th right-hand side; n = binding values, d(name) = true adjoint (finite differences)
// or lhs/rhs for identities, or point/answer for values at a point.
// Truth = central finite differences of the loss at several random draws and (symbolic) sizes.
import fs from 'node:fs';
import path from 'node:path';
import * as L from './lib.mjs';
import { cases } from './defs.mjs';

const H = 1e-5, RTOL = 1e-5, ATOL = 1e-6, DRAWS = 3;
let seed = 12345;
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());

export function parseDims(text) {
  const dims = {};
  for (const raw of text.split('\n')) {
    for (const st of raw.replace(/#.*/, '').split(';')) {
      const m = st.trim().match(/^([A-Za-z]\w*)\s*:\s*([0-9]+|[A-Za-z])\s*(?:[x×]\s*([0-9]+|[A-Za-z]))?\s*$/);
      if (m) dims[m[1]] = [m[2], m[3] ?? '1'];
    }
  }
  return dims;
}
const PERM = [[2, 3, 4, 5], [3, 2, 5, 4], [4, 5, 2, 3], [3, 3, 3, 3]];
function assignments(dims) {
  const syms = [...new Set(Object.values(dims).flat().filter((d) => !/^[0-9]+$/.test(d)))];
  if (!syms.length) return [{}];
  return PERM.map((p) => Object.fromEntries(syms.map((s, i) => [s, p[i % 4]])));
}
function draw(dims, asg, gen = {}) {
  const v = { ...asg };
  for (const [name, [r, c]] of Object.entries(dims)) {
    const R = asg[r] ?? +r, C = asg[c] ?? +c;
    const g = gen[name] ?? 'normal';
    let A;
    if (g === 'normal') A = L.M(R, C, () => gauss());
    else if (g === 'pos') A = L.M(R, C, () => 0.5 + 1.5 * rnd());
    else if (g === 'prob') A = L.M(R, C, () => 0.1 + 0.8 * rnd());
    else if (g === 'dist') { A = L.M(R, C, () => 0.1 + rnd()); for (let j = 0; j < C; j++) { let t = 0; for (let i = 0; i < R; i++) t += A.a[i][j]; for (let i = 0; i < R; i++) A.a[i][j] /= t; } }
    else throw new Error('gen ' + g);
    v[name] = A;
  }
  return v;
}
const copy = (A) => L.M(A.r, A.c, (i, j) => A.a[i][j]);
function runF(cs, v, ov) {
  const rec = {};
  const N = (name, val) => { const r = ov && name in ov ? ov[name] : val; rec[name] = r; return r; };
  return { L: L.scal(cs.f(v, N)), rec };
}
function gradFD(cs, v, base, name) {
  const isInput = v[name] && typeof v[name] === 'object';
  const X = isInput ? v[name] : base.rec[name];
  if (!X) throw new Error(`${cs.id}: no node ${name}`);
  return L.M(X.r, X.c, (i, j) => {
    const ev = (delta) => { const Y = copy(X); Y.a[i][j] += delta; return isInput ? runF(cs, { ...v, [name]: Y }).L : runF(cs, v, { [name]: Y }).L; };
    return (ev(H) - ev(-H)) / (2 * H);
  });
}
function close(A, G, tolFn) {
  A = L.toM(A);
  if (A.r !== G.r || A.c !== G.c) return false;
  let gmax = 0; for (const row of G.a) for (const p of row) gmax = Math.max(gmax, Math.abs(p));
  for (let i = 0; i < G.r; i++) for (let j = 0; j < G.c; j++) {
    const tol = tolFn ? tolFn(i, j) : ATOL + RTOL * gmax;
    if (!(Math.abs(A.a[i][j] - G.a[i][j]) <= tol)) return false;
  }
  return true;
}
function tryEval(fn) { try { return fn(); } catch (e) { if (e instanceof L.ShapeError) return null; throw e; } }

function parseAnswer(str) {
  const toks = [...str.matchAll(/-?\d+(?:\.(\d+))?/g)].map((m) => ({ x: +m[0], dec: m[1] ? m[1].length : 0 }));
  const val = JSON.parse(str);
  const A = L.fromArr(val);
  const tol = L.M(A.r, A.c, (i, j) => 0.5 * 10 ** -toks[i * A.c + j].dec + 1e-9);
  return { A, tol };
}

export function label(cs) {
  const dims = { ...parseDims(cs.text), ...(cs.dims ?? {}) };
  if (cs.point) {
    const v = {}; for (const [k, x] of Object.entries(cs.point)) v[k] = L.fromArr(x);
    L.resetRelu(); const base = runF(cs, v);
    if (L.reluMin < 1e-3) throw new Error(cs.id + ': point at a relu kink');
    const truth = cs.wrt ? gradFD(cs, v, base, cs.wrt) : L.toM(base.L);
    const { A, tol } = parseAnswer(cs.answer);
    const ok = close(A, truth, (i, j) => tol.a[i][j]);
    return { verdict: ok ? 'correct' : 'incorrect', ...(ok ? {} : { firstWrongStep: 1 }), truth: truth.a };
  }
  const nsteps = cs.steps ? cs.steps.length : 1;
  const bad = new Array(nsteps).fill(false);
  for (const asg of assignments(dims)) {
    for (let k = 0; k < DRAWS; k++) {
      let v, base, tries = 0;
      for (;;) {
        v = draw(dims, asg, cs.gen); L.resetRelu();
        if (cs.lhs) { tryEval(() => cs.lhs(v)); tryEval(() => cs.rhs(v)); base = null; } else base = runF(cs, v);
        if (L.reluMin > 1e-3) break;
        if (++tries > 50) throw new Error(cs.id + ': cannot avoid relu kinks');
      }
      if (cs.lhs) {
        const a = tryEval(() => cs.lhs(v)), b = tryEval(() => cs.rhs(v));
        if (!a || !b || !close(a, b)) bad[0] = true;
        continue;
      }
      const memo = {};
      const d = (name) => (memo[name] ??= gradFD(cs, v, base, name));
      const G = d(cs.wrt);
      cs.steps.forEach((st, i) => { const c = tryEval(() => st(v, base.rec, d)); if (!c || !close(c, G)) bad[i] = true; });
    }
  }
  const first = bad.indexOf(true);
  return first < 0 ? { verdict: 'correct' } : { verdict: 'incorrect', firstWrongStep: first + 1 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const dir = path.join(here, 'files');
  fs.mkdirSync(dir, { recursive: true });
  const out = []; let problems = 0;
  const ids = new Set();
  for (const cs of cases) {
    if (ids.has(cs.id)) throw new Error('dup id ' + cs.id); ids.add(cs.id);
    const lab = label(cs);
    const intended = cs.expect === 'c' ? 'correct' : 'incorrect';
    const intendedStep = cs.expect === 'c' ? undefined : (cs.step ?? 1);
    if (lab.verdict !== intended || lab.firstWrongStep !== intendedStep) {
      problems++; console.log(`MISMATCH with design: ${cs.id}: labeled ${lab.verdict} step ${lab.firstWrongStep}, designed ${intended} step ${intendedStep}`, lab.truth ? JSON.stringify(lab.truth) : '');
    }
    fs.writeFileSync(path.join(dir, cs.id + '.txt'), cs.text);
    out.push({ id: cs.id, file: `files/${cs.id}.txt`, text: cs.text, expected: lab.verdict, ...(lab.firstWrongStep ? { firstWrongStep: lab.firstWrongStep } : {}), ...(cs.note ? { note: cs.note } : {}) });
  }
  fs.writeFileSync(path.join(here, 'cases.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(`${out.length} cases, ${out.filter((c) => c.expected === 'correct').length} correct, ${problems} design mismatches`);
}
