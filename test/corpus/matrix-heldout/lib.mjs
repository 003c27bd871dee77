// Tiny dense-matrix library for the held-out labeler (plain JS, no chainrule code).
// A matrix is {r, c, a: number[][]}. Numbers are promoted to 1x1 matrices.
export class ShapeError extends Error {}
export let reluMin = Infinity; export const resetRelu = () => { reluMin = Infinity; };
export const M = (r, c, f) => ({ r, c, a: Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => f(i, j))) });
export const toM = (x) => (typeof x === 'number' ? M(1, 1, () => x) : x);
export const fromArr = (x) => typeof x === 'number' ? toM(x) : Array.isArray(x[0]) ? M(x.length, x[0].length, (i, j) => x[i][j]) : M(x.length, 1, (i) => x[i]);
const isS = (A) => A.r === 1 && A.c === 1;
export const map = (A, f) => { A = toM(A); return M(A.r, A.c, (i, j) => f(A.a[i][j])); };
// elementwise binary with scalar broadcast and column-vector (bias) broadcast over columns
function ew(A, B, f, allowCol) {
  A = toM(A); B = toM(B);
  if (A.r === B.r && A.c === B.c) return M(A.r, A.c, (i, j) => f(A.a[i][j], B.a[i][j]));
  if (isS(B)) return M(A.r, A.c, (i, j) => f(A.a[i][j], B.a[0][0]));
  if (isS(A)) return M(B.r, B.c, (i, j) => f(A.a[0][0], B.a[i][j]));
  if (allowCol && A.r === B.r && B.c === 1) return M(A.r, A.c, (i, j) => f(A.a[i][j], B.a[i][0]));
  if (allowCol && A.r === B.r && A.c === 1) return M(B.r, B.c, (i, j) => f(A.a[i][0], B.a[i][j]));
  throw new ShapeError(`elementwise ${A.r}x${A.c} vs ${B.r}x${B.c}`);
}
export const add = (...xs) => xs.reduce((A, B) => ew(A, B, (p, q) => p + q, true));
export const sub = (A, B) => ew(A, B, (p, q) => p - q, true);
export const had = (...xs) => xs.reduce((A, B) => ew(A, B, (p, q) => p * q, false));
export const dv = (A, B) => ew(A, B, (p, q) => p / q, false);
export const pw = (A, k) => map(A, (p) => Math.pow(p, k));
export const sc = (k, A) => map(A, (p) => k * p);
export const neg = (A) => sc(-1, A);
function mm2(A, B) {
  A = toM(A); B = toM(B);
  if (A.c === B.r) return M(A.r, B.c, (i, j) => { let s = 0; for (let k = 0; k < A.c; k++) s += A.a[i][k] * B.a[k][j]; return s; });
  if (isS(A)) return sc(A.a[0][0], B);
  if (isS(B)) return sc(B.a[0][0], A);
  throw new ShapeError(`product ${A.r}x${A.c} * ${B.r}x${B.c}`);
}
export const mm = (...xs) => xs.reduce(mm2);
export const T = (A) => { A = toM(A); return M(A.c, A.r, (i, j) => A.a[j][i]); };
const s = (p) => 1 / (1 + Math.exp(-p));
export const sig = (A) => map(A, s);
export const dsig = (A) => map(A, (p) => s(p) * (1 - s(p)));
export const th = (A) => map(A, Math.tanh);
export const dth = (A) => map(A, (p) => 1 - Math.tanh(p) ** 2);
export const relu = (A) => map(A, (p) => { reluMin = Math.min(reluMin, Math.abs(p)); return Math.max(p, 0); });
export const step = (A) => map(A, (p) => { reluMin = Math.min(reluMin, Math.abs(p)); return p > 0 ? 1 : 0; });
export const ex = (A) => map(A, Math.exp);
export const lg = (A) => map(A, Math.log);
export const sp = (A) => map(A, (p) => Math.log1p(Math.exp(p)));
export const sum = (A) => { A = toM(A); let t = 0; for (const row of A.a) for (const p of row) t += p; return toM(t); };
export const mean = (A) => { A = toM(A); return toM(sum(A).a[0][0] / (A.r * A.c)); };
export const dot = (u, v) => { u = toM(u); v = toM(v); if (u.r !== v.r || u.c !== v.c) throw new ShapeError('dot'); return sum(had(u, v)); };
export const outer = (u, v) => mm(u, T(v));
export const ones = (r, c) => M(r, c, () => 1);
export const eye = (n) => M(n, n, (i, j) => (i === j ? 1 : 0));
export const diag = (v) => { v = toM(v); if (v.c !== 1) throw new ShapeError('diag of non-column'); return M(v.r, v.r, (i, j) => (i === j ? v.a[i][0] : 0)); };
export const norm2 = (A) => sum(had(A, A));
export const sumcols = (A) => { A = toM(A); return mm(A, ones(A.c, 1)); };
export const sumrows = (A) => { A = toM(A); return mm(ones(1, A.r), A); };
export const softmax = (Z) => { Z = toM(Z); const out = M(Z.r, Z.c, () => 0); for (let j = 0; j < Z.c; j++) { let mx = -Infinity; for (let i = 0; i < Z.r; i++) mx = Math.max(mx, Z.a[i][j]); let t = 0; for (let i = 0; i < Z.r; i++) t += Math.exp(Z.a[i][j] - mx); for (let i = 0; i < Z.r; i++) out.a[i][j] = Math.exp(Z.a[i][j] - mx) / t; } return out; };
export const lsm = (Z) => lg(softmax(Z));
export const mse = (P, Y) => mean(pw(sub(P, Y), 2));
export const ce = (P, Y) => { P = toM(P); Y = toM(Y); if (P.r !== Y.r || P.c !== Y.c) throw new ShapeError('ce'); return toM(-sum(had(Y, lg(P))).a[0][0] / P.c); };
export const bce = (P, Y) => neg(mean(add(had(Y, lg(P)), had(sub(1, Y), lg(sub(1, P))))));
export const scal = (A) => { A = toM(A); if (!isS(A)) throw new ShapeError(`loss not scalar ${A.r}x${A.c}`); return A.a[0][0]; };
