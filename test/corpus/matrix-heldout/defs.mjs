// Held-out cases: file text + hand-written JS meaning. expect: designed verdict ('c'/'i'), step: designed first wrong step.
import { mm, T, add, sub, had, dv, pw, sc, neg, sig, dsig, th, dth, relu, step, ex, lg, sp, sum, mean, dot, outer, ones, eye, diag, norm2, sumcols, sumrows, softmax, lsm, mse, ce, bce } from './lib.mjs';
export const cases = [];
// Written 178; these were set aside (redundant) BEFORE chainrule was run on anything, to keep the corpus at 120.
const RESERVE = new Set('id19 id20 val05 lin04 lin09 lin10 lin16 lin19 sym05 sym10 sym11 sym12 sym17 sig03 sig09 sig10 sig11 tanh03 tanh05 relu03 relu10 sm03 sm05 sm07 sm10 sm14 sm17 net04 net10 net13 net17 net11 netb03 netb08 netb09 reg04 id05 id07 id10 id14 id16 id17 id18 val03 val11 tex03 tex15 tex18 lin11 lin17 sym03 tanh01 relu09 sm13 net14 netb01 id21 id08'.split(' '));
const C = (id, text, spec) => RESERVE.has(id) || cases.push({ id, text: text.replace(/^\n+/, '').replace(/\s*$/, '\n'), ...spec });
const R = String.raw;
const at = (P) => Object.entries(P).map(([k, x]) => `${k} = ${JSON.stringify(x).replace(/,/g, ', ')}`).join(', ');

// ---------- A. linear least squares ----------
const ls = (v) => sub(mm(v.W, v.x), v.y);
const fLS = (v) => norm2(ls(v));
const LS = `W: 4x3\nx: 3\ny: 4\nL = norm2(W x - y)\n`;
C('lin01', `# least squares\n${LS}dL/dW = 2 (W x - y) x'`, { f: fLS, wrt: 'W', steps: [(v) => sc(2, mm(ls(v), T(v.x)))], expect: 'c' });
C('lin02', `# student forgot which side the transpose goes\n${LS}dL/dW = 2 x (W x - y)'`, { f: fLS, wrt: 'W', steps: [(v) => sc(2, mm(v.x, T(ls(v))))], expect: 'i' });
C('lin03', `${LS}# dropped the 2 from the square\ndL/dW = (W x - y) x'`, { f: fLS, wrt: 'W', steps: [(v) => mm(ls(v), T(v.x))], expect: 'i' });
C('lin04', `${LS}dL/dW = 2 (W x - y) xᵀ`, { f: fLS, wrt: 'W', steps: [(v) => sc(2, mm(ls(v), T(v.x)))], expect: 'c' });
C('lin05', `W: 4x3\nx: 3\ny: 4\nr = W x - y\nL = r' r\ndL/dW = 2 r x'`, { f: (v, N) => { const r = N('r', ls(v)); return mm(T(r), r); }, wrt: 'W', steps: [(v, n) => sc(2, mm(n.r, T(v.x)))], expect: 'c' });
C('lin06', `W: 4x3; x: 3; y: 4\nr = W x - y\nL = norm2(r)\n# reuse the adjoint of r\ndL/dW = dL/dr * x'`, { f: (v, N) => norm2(N('r', ls(v))), wrt: 'W', steps: [(v, n, d) => mm(d('r'), T(v.x))], expect: 'c' });
C('lin07', `${LS}dL/dx = 2 W' (W x - y)`, { f: fLS, wrt: 'x', steps: [(v) => sc(2, mm(T(v.W), ls(v)))], expect: 'c' });
C('lin08', `${LS}# row-vector (numerator layout) answer\ndL/dx = 2 (W x - y)' W`, { f: fLS, wrt: 'x', steps: [(v) => sc(2, mm(T(ls(v)), v.W))], expect: 'i' });
C('lin09', `${LS}dL/dx = 2 W (W x - y)`, { f: fLS, wrt: 'x', steps: [(v) => sc(2, mm(v.W, ls(v)))], expect: 'i' });
C('lin10', `${LS}dL/dy = -2 (W x - y)`, { f: fLS, wrt: 'y', steps: [(v) => sc(-2, ls(v))], expect: 'c' });
C('lin11', `${LS}# sign slip\ndL/dy = 2 (W x - y)`, { f: fLS, wrt: 'y', steps: [(v) => sc(2, ls(v))], expect: 'i' });
const lsT = (v) => sub(mm(T(v.W), v.x), v.y);
C('lin12', `# W' x convention\nW: 3x4\nx: 3\ny: 4\nL = norm2(W' x - y)\ndL/dW = 2 x (W' x - y)'`, { f: (v) => norm2(lsT(v)), wrt: 'W', steps: [(v) => sc(2, mm(v.x, T(lsT(v))))], expect: 'c' });
C('lin13', `W: 3x4\nx: 3\ny: 4\nL = norm2(W' x - y)\ndL/dW = 2 (W' x - y) x'`, { f: (v) => norm2(lsT(v)), wrt: 'W', steps: [(v) => sc(2, mm(lsT(v), T(v.x)))], expect: 'i' });
C('lin14', `W: 3x4\nx: 3\ny: 4\nL = norm2(W^T x - y)\ndL/dx = 2 W (W^T x - y)`, { f: (v) => norm2(lsT(v)), wrt: 'x', steps: [(v) => sc(2, mm(v.W, lsT(v)))], expect: 'c' });
const bX = (v) => sub(mm(v.W, v.X), v.Y);
C('lin15', `W: 2x3\nX: 3xB\nY: 2xB\nL = mse(W X, Y)\n# mean over 2B entries\ndL/dW = (1/B) (W X - Y) X'`, { f: (v) => mse(mm(v.W, v.X), v.Y), wrt: 'W', steps: [(v) => sc(1 / v.B, mm(bX(v), T(v.X)))], expect: 'c' });
C('lin16', `W: 2x3\nX: 3xB\nY: 2xB\nL = mse(W X, Y)\ndL/dW = (2/B) (W X - Y) X'`, { f: (v) => mse(mm(v.W, v.X), v.Y), wrt: 'W', steps: [(v) => sc(2 / v.B, mm(bX(v), T(v.X)))], expect: 'i' });
C('lin17', `W: 2x3\nX: 3xB\nY: 2xB\nL = norm2(W X - Y) / B\ndL/dW = (2/B) (W X - Y) X^T`, { f: (v) => sc(1 / v.B, norm2(bX(v))), wrt: 'W', steps: [(v) => sc(2 / v.B, mm(bX(v), T(v.X)))], expect: 'c' });
C('lin18', `W: 2x3\nX: 3xB\nY: 2xB\nL = norm2(W X - Y) / B\n# forgot the 1/B\ndL/dW = 2 (W X - Y) X^T`, { f: (v) => sc(1 / v.B, norm2(bX(v))), wrt: 'W', steps: [(v) => sc(2, mm(bX(v), T(v.X)))], expect: 'i' });
C('lin19', `${LS}dL/dW = 2 (W x - y) x'\n      = 2 W x x' - 2 y x'\n      = 2 (W x x' - y x')`, { f: fLS, wrt: 'W', steps: [(v) => sc(2, mm(ls(v), T(v.x))), (v) => sub(sc(2, mm(v.W, v.x, T(v.x))), sc(2, mm(v.y, T(v.x)))), (v) => sc(2, sub(mm(v.W, v.x, T(v.x)), mm(v.y, T(v.x))))], expect: 'c' });
C('lin20', `${LS}dL/dW = 2 (W x - y) x'\n= 2 W x x' - y x'\n= (2 W x - y) x'`, { f: fLS, wrt: 'W', steps: [(v) => sc(2, mm(ls(v), T(v.x))), (v) => sub(sc(2, mm(v.W, v.x, T(v.x))), mm(v.y, T(v.x))), (v) => mm(sub(sc(2, mm(v.W, v.x)), v.y), T(v.x))], expect: 'i', step: 2 });
C('lin21', `${LS}dL/dW = (W x - y) x'\n= 2 (W x - y) x'`, { f: fLS, wrt: 'W', steps: [(v) => mm(ls(v), T(v.x)), (v) => sc(2, mm(ls(v), T(v.x)))], expect: 'i', step: 1 });
C('lin22', `W: 4x3\nx: 3\ny: 4\nL = norm2(W*x - y)\ndL/dW = 2 * (W*x - y) * x'`, { f: fLS, wrt: 'W', steps: [(v) => sc(2, mm(ls(v), T(v.x)))], expect: 'c' });
C('lin23', `${LS}# (x y')' = y x'\ndL/dW = 2 (x (W x - y)')'`, { f: fLS, wrt: 'W', steps: [(v) => sc(2, T(mm(v.x, T(ls(v)))))], expect: 'c' });
C('lin24', `${LS}dL/dW = 2 outer(W x - y, x)`, { f: fLS, wrt: 'W', steps: [(v) => sc(2, outer(ls(v), v.x))], expect: 'c' });
C('lin25', `${LS}∂L/∂W = 2 outer(x, W x - y)`, { f: fLS, wrt: 'W', steps: [(v) => sc(2, outer(v.x, ls(v)))], expect: 'i' });
C('lin26', `W: 3x3\nx: 3\ny: 3\nL = norm2(W x - y)\n# square W: the shape cannot catch this one\ndL/dW = 2 x (W x - y)ᵀ`, { f: fLS, wrt: 'W', steps: [(v) => sc(2, mm(v.x, T(ls(v))))], expect: 'i' });

// ---------- B. symbolic sizes ----------
C('sym01', `W: n x m\nx: m\ny: n\nL = norm2(W x - y)\ndL/dW = 2 (W x - y) x'`, { f: fLS, wrt: 'W', steps: [(v) => sc(2, mm(ls(v), T(v.x)))], expect: 'c' });
C('sym02', `W: n x m\nL = sum(W)\n# right at square sizes only\ndL/dW = ones(m, n)`, { f: (v) => sum(v.W), wrt: 'W', steps: [(v) => ones(v.m, v.n)], expect: 'i' });
C('sym03', `W: n x m\nL = sum(W)\ndL/dW = ones(n, m)`, { f: (v) => sum(v.W), wrt: 'W', steps: [(v) => ones(v.n, v.m)], expect: 'c' });
C('sym04', `u: n\nv: m\nW: n x m\nL = u' W v\ndL/dW = u v'`, { f: (v) => mm(T(v.u), v.W, v.v), wrt: 'W', steps: [(v) => mm(v.u, T(v.v))], expect: 'c' });
C('sym05', `u: n\nv: m\nW: n x m\nL = u' W v\ndL/dW = v u'`, { f: (v) => mm(T(v.u), v.W, v.v), wrt: 'W', steps: [(v) => mm(v.v, T(v.u))], expect: 'i' });
C('sym06', `W: n x m\nv: m\nL = sum(W v)\n# ones of the wrong length: same numbers when n = m\ndL/dW = ones(m, 1) v'`, { f: (v) => sum(mm(v.W, v.v)), wrt: 'W', steps: [(v) => mm(ones(v.m, 1), T(v.v))], expect: 'i' });
C('sym07', `W: n x m\nv: m\nL = sum(W v)\ndL/dW = outer(ones(n, 1), v)`, { f: (v) => sum(mm(v.W, v.v)), wrt: 'W', steps: [(v) => outer(ones(v.n, 1), v.v)], expect: 'c' });
const qf = (v) => mm(T(v.x), v.A, v.x);
C('sym08', `A: n x n\nx: n\nL = x' A x\ndL/dx = (A + A') x`, { f: qf, wrt: 'x', steps: [(v) => mm(add(v.A, T(v.A)), v.x)], expect: 'c' });
C('sym09', `A: n x n\nx: n\nL = x' A x\n# A is not symmetric\ndL/dx = 2 A x`, { f: qf, wrt: 'x', steps: [(v) => sc(2, mm(v.A, v.x))], expect: 'i' });
C('sym10', `A: n x n\nx: n\nL = x' A x\ndL/dA = x x'`, { f: qf, wrt: 'A', steps: [(v) => mm(v.x, T(v.x))], expect: 'c' });
C('sym11', `W: n x m\nL = norm2(W)\ndL/dW = 2 W`, { f: (v) => norm2(v.W), wrt: 'W', steps: [(v) => sc(2, v.W)], expect: 'c' });
C('sym12', `W: n x m\nX: m x B\nL = sum(W X)\ndL/dW = ones(n, B) X'`, { f: (v) => sum(mm(v.W, v.X)), wrt: 'W', steps: [(v) => mm(ones(v.n, v.B), T(v.X))], expect: 'c' });
C('sym13', `W: n x m\nX: m x B\nL = sum(W X)\ndL/dW = ones(n, 1) sumcols(X)'`, { f: (v) => sum(mm(v.W, v.X)), wrt: 'W', steps: [(v) => mm(ones(v.n, 1), T(sumcols(v.X)))], expect: 'c' });
C('sym14', `W: n x m\nX: m x B\nL = sum(W X)\ndL/dW = ones(n, 1) sumrows(X)`, { f: (v) => sum(mm(v.W, v.X)), wrt: 'W', steps: [(v) => mm(ones(v.n, 1), sumrows(v.X))], expect: 'i' });
C('sym15', `A: n x n\nx: n\nL = norm2(x) + norm2(A x)\ndL/dx = 2 (eye(n) + A' A) x`, { f: (v) => add(norm2(v.x), norm2(mm(v.A, v.x))), wrt: 'x', steps: [(v) => sc(2, mm(add(eye(v.n), mm(T(v.A), v.A)), v.x))], expect: 'c' });
C('sym16', `A: n x n\nx: n\nL = norm2(x) + norm2(A x)\ndL/dx = 2 (eye(n) + A A') x`, { f: (v) => add(norm2(v.x), norm2(mm(v.A, v.x))), wrt: 'x', steps: [(v) => sc(2, mm(add(eye(v.n), mm(v.A, T(v.A))), v.x))], expect: 'i' });
C('sym17', `W: n x m\nL = sum(W')\ndL/dW = ones(m, n)'`, { f: (v) => sum(T(v.W)), wrt: 'W', steps: [(v) => T(ones(v.m, v.n))], expect: 'c' });

// ---------- C. sigmoid / tanh ----------
const SG = `W: 2x3\nx: 3\nb: 2\ny: 2\nz = W x + b\na = σ(z)\nL = norm2(a - y)\n`;
const fSG = (v, N) => { const z = N('z', add(mm(v.W, v.x), v.b)); const a = N('a', sig(z)); return norm2(sub(a, v.y)); };
C('sig01', `${SG}dL/dz = 2 (a - y) ⊙ σ'(z)`, { f: fSG, wrt: 'z', steps: [(v, n) => had(sc(2, sub(n.a, v.y)), dsig(n.z))], expect: 'c' });
C('sig02', `${SG}# matrix product instead of elementwise\ndL/dz = 2 (a - y) σ'(z)`, { f: fSG, wrt: 'z', steps: [(v, n) => mm(sc(2, sub(n.a, v.y)), dsig(n.z))], expect: 'i' });
C('sig03', `${SG}dL/dz = 2 (a - y) .* a .* (1 - a)`, { f: fSG, wrt: 'z', steps: [(v, n) => had(sc(2, sub(n.a, v.y)), n.a, sub(1, n.a))], expect: 'c' });
C('sig04', `${SG}# Jacobian of sigma written as a diagonal matrix\ndL/dz = 2 diag(σ'(z)) (a - y)`, { f: fSG, wrt: 'z', steps: [(v, n) => sc(2, mm(diag(dsig(n.z)), sub(n.a, v.y)))], expect: 'c' });
C('sig05', `${SG}dL/dW = 2 ((a - y) ⊙ σ'(z)) xᵀ`, { f: fSG, wrt: 'W', steps: [(v, n) => sc(2, mm(had(sub(n.a, v.y), dsig(n.z)), T(v.x)))], expect: 'c' });
C('sig06', `${SG}# forgot the activation derivative\ndL/dW = 2 (a - y) xᵀ`, { f: fSG, wrt: 'W', steps: [(v, n) => sc(2, mm(sub(n.a, v.y), T(v.x)))], expect: 'i' });
C('sig07', `${SG}dL/db = dL/dz`, { f: fSG, wrt: 'b', steps: [(v, n, d) => d('z')], expect: 'c' });
C('sig08', `${SG}dL/dx = Wᵀ dL/dz`, { f: fSG, wrt: 'x', steps: [(v, n, d) => mm(T(v.W), d('z'))], expect: 'c' });
C('sig09', `${SG}dL/dx = W' (2 (a - y))`, { f: fSG, wrt: 'x', steps: [(v, n) => mm(T(v.W), sc(2, sub(n.a, v.y)))], expect: 'i' });
C('sig10', `${SG}dL/dz = 2 (a - y) ∘ sigmoid(z) ∘ (1 - sigmoid(z))`, { f: fSG, wrt: 'z', steps: [(v, n) => had(sc(2, sub(n.a, v.y)), sig(n.z), sub(1, sig(n.z)))], expect: 'c' });
C('sig11', `${SG}dL/da = 2 (a - y)\n`, { f: fSG, wrt: 'a', steps: [(v, n) => sc(2, sub(n.a, v.y))], expect: 'c' });
const TH = `W: 3x4\nx: 4\nb: 3\nz = W x + b\nh = tanh(z)\nL = sum(h)\n`;
const fTH = (v, N) => { const z = N('z', add(mm(v.W, v.x), v.b)); return sum(N('h', th(z))); };
C('tanh01', `${TH}dL/dz = 1 - h .^ 2`, { f: fTH, wrt: 'z', steps: [(v, n) => sub(1, pw(n.h, 2))], expect: 'c' });
C('tanh02', `${TH}dL/dz = tanh'(z)`, { f: fTH, wrt: 'z', steps: [(v, n) => dth(n.z)], expect: 'c' });
C('tanh03', `${TH}dL/dW = (1 - tanh(z) .^ 2) x'`, { f: fTH, wrt: 'W', steps: [(v, n) => mm(sub(1, pw(th(n.z), 2)), T(v.x))], expect: 'c' });
C('tanh04', `${TH}dL/dW = x (1 - tanh(z) .^ 2)'`, { f: fTH, wrt: 'W', steps: [(v, n) => mm(v.x, T(sub(1, pw(th(n.z), 2))))], expect: 'i' });
C('tanh05', `${TH}dL/db = 1 - h`, { f: fTH, wrt: 'b', steps: [(v, n) => sub(1, n.h)], expect: 'i' });
const TH2 = `W: 3x4\nx: 4\ny: 3\nh = tanh(W x)\nL = 0.5 * norm2(h - y)\n`;
const fTH2 = (v, N) => { const h = N('h', th(mm(v.W, v.x))); return sc(0.5, norm2(sub(h, v.y))); };
C('tanh06', `${TH2}dL/dW = ((h - y) ⊙ (1 - h ⊙ h)) x'`, { f: fTH2, wrt: 'W', steps: [(v, n) => mm(had(sub(n.h, v.y), sub(1, had(n.h, n.h))), T(v.x))], expect: 'c' });
C('tanh07', `${TH2}# used the sigmoid derivative for tanh\ndL/dW = ((h - y) ⊙ h ⊙ (1 - h)) x'`, { f: fTH2, wrt: 'W', steps: [(v, n) => mm(had(sub(n.h, v.y), n.h, sub(1, n.h)), T(v.x))], expect: 'i' });
const LOG = `w: 3\nX: 3xB\ny: 1xB\np = σ(w' X)\nL = bce(p, y)\n`;
const fLOG = (v, N) => bce(N('p', sig(mm(T(v.w), v.X))), v.y);
C('logreg01', `# logistic regression, batch of B\n${LOG}dL/dw = (1/B) X (p - y)'`, { f: fLOG, wrt: 'w', steps: [(v, n) => sc(1 / v.B, mm(v.X, T(sub(n.p, v.y))))], expect: 'c', gen: { y: 'prob' } });
C('logreg02', `${LOG}dL/dw = (1/B) (p - y) X'`, { f: fLOG, wrt: 'w', steps: [(v, n) => sc(1 / v.B, mm(sub(n.p, v.y), T(v.X)))], expect: 'i', gen: { y: 'prob' } });

// ---------- D. ReLU ----------
const RL = `W: 4x3\nx: 3\nb: 4\nz = W x + b\nh = relu(z)\nL = sum(h .* h)\n`;
const fRL = (v, N) => { const z = N('z', add(mm(v.W, v.x), v.b)); const h = N('h', relu(z)); return sum(had(h, h)); };
C('relu01', `${RL}dL/dz = 2 h ⊙ step(z)`, { f: fRL, wrt: 'z', steps: [(v, n) => had(sc(2, n.h), step(n.z))], expect: 'c' });
C('relu02', `${RL}# relu(z) is already zero where z < 0\ndL/dz = 2 h`, { f: fRL, wrt: 'z', steps: [(v, n) => sc(2, n.h)], expect: 'c' });
C('relu03', `${RL}dL/dz = 2 z`, { f: fRL, wrt: 'z', steps: [(v, n) => sc(2, n.z)], expect: 'i' });
const RV = `W: 4x3\nx: 3\nv: 4\nL = v' relu(W x)\n`;
const fRV = (v) => mm(T(v.v), relu(mm(v.W, v.x)));
C('relu04', `${RV}dL/dW = (v ⊙ relu'(W x)) x'`, { f: fRV, wrt: 'W', steps: [(v) => mm(had(v.v, step(mm(v.W, v.x))), T(v.x))], expect: 'c' });
C('relu05', `${RV}dL/dW = v x'`, { f: fRV, wrt: 'W', steps: [(v) => mm(v.v, T(v.x))], expect: 'i' });
C('relu06', `${RV}dL/dW = diag(step(W x)) v x'`, { f: fRV, wrt: 'W', steps: [(v) => mm(diag(step(mm(v.W, v.x))), v.v, T(v.x))], expect: 'c' });
C('relu07', `${RV}dL/dx = W' (v .* step(W x))`, { f: fRV, wrt: 'x', steps: [(v) => mm(T(v.W), had(v.v, step(mm(v.W, v.x))))], expect: 'c' });
C('relu08', `${RV}dL/dx = (W' v) ⊙ step(W x)`, { f: fRV, wrt: 'x', steps: [(v) => had(mm(T(v.W), v.v), step(mm(v.W, v.x)))], expect: 'i' });
C('relu09', `W: 4x3\nx: 3\nL = mean(relu(W x))\ndL/dW = step(W x) x' / 4`, { f: (v) => mean(relu(mm(v.W, v.x))), wrt: 'W', steps: [(v) => sc(0.25, mm(step(mm(v.W, v.x)), T(v.x)))], expect: 'c' });
C('relu10', `W: 4x3\nx: 3\nL = mean(relu(W x))\ndL/dW = step(W x) x'`, { f: (v) => mean(relu(mm(v.W, v.x))), wrt: 'W', steps: [(v) => mm(step(mm(v.W, v.x)), T(v.x))], expect: 'i' });

// ---------- E. softmax / cross-entropy ----------
const SM = `W: 3x4\nx: 4\ny: 3\nz = W x\np = softmax(z)\nL = -sum(y .* log(p))\n`;
const fSM = (v, N) => { const z = N('z', mm(v.W, v.x)); const p = N('p', softmax(z)); return neg(sum(had(v.y, lg(p)))); };
C('sm01', `# y is a probability vector\n${SM}dL/dz = p - y`, { f: fSM, wrt: 'z', steps: [(v, n) => sub(n.p, v.y)], expect: 'i', note: 'relabeled after review: y is a free declared vector (the comment binds nothing), the loss is written out rather than cross_entropy(), so the gradient at all inputs is p*sum(y) - y; p - y holds only when sum(y) = 1' });
C('sm02', `${SM}dL/dz = y - p`, { f: fSM, wrt: 'z', steps: [(v, n) => sub(v.y, n.p)], expect: 'i', gen: { y: 'dist' } });
C('sm03', `${SM}dL/dW = (p - y) x'`, { f: fSM, wrt: 'W', steps: [(v, n) => mm(sub(n.p, v.y), T(v.x))], expect: 'c', gen: { y: 'dist' } });
C('sm04', `${SM}# stopped at dL/dp\ndL/dz = -y ./ p`, { f: fSM, wrt: 'z', steps: [(v, n) => neg(dv(v.y, n.p))], expect: 'i', gen: { y: 'dist' } });
C('sm05', `${SM}dL/dp = -y ./ p`, { f: fSM, wrt: 'p', steps: [(v, n) => neg(dv(v.y, n.p))], expect: 'c', gen: { y: 'dist' } });
const SB = `W: 3x4\nX: 4xB\nY: 3xB\nL = cross_entropy(softmax(W X), Y)\n`;
const fSB = (v) => ce(softmax(mm(v.W, v.X)), v.Y);
C('sm06', `${SB}dL/dW = (1/B) (softmax(W X) - Y) X'`, { f: fSB, wrt: 'W', steps: [(v) => sc(1 / v.B, mm(sub(softmax(mm(v.W, v.X)), v.Y), T(v.X)))], expect: 'c', gen: { Y: 'dist' } });
C('sm07', `${SB}dL/dW = (softmax(W X) - Y) X'`, { f: fSB, wrt: 'W', steps: [(v) => mm(sub(softmax(mm(v.W, v.X)), v.Y), T(v.X))], expect: 'i', gen: { Y: 'dist' } });
const SBB = `W: 3x4\nb: 3\nX: 4xB\nY: 3xB\nZ = W X + b\nP = softmax(Z)\nL = cross_entropy(P, Y)\n`;
const fSBB = (v, N) => { const Z = N('Z', add(mm(v.W, v.X), v.b)); return ce(N('P', softmax(Z)), v.Y); };
C('sm08', `${SBB}dL/db = (1/B) sumcols(P - Y)`, { f: fSBB, wrt: 'b', steps: [(v, n) => sc(1 / v.B, sumcols(sub(n.P, v.Y)))], expect: 'c', gen: { Y: 'dist' } });
C('sm09', `${SBB}# bias gradient not summed over the batch\ndL/db = (1/B) (P - Y)`, { f: fSBB, wrt: 'b', steps: [(v, n) => sc(1 / v.B, sub(n.P, v.Y))], expect: 'i', gen: { Y: 'dist' } });
C('sm10', `${SBB}dL/db = (P - Y) ones(B, 1) / B`, { f: fSBB, wrt: 'b', steps: [(v, n) => sc(1 / v.B, mm(sub(n.P, v.Y), ones(v.B, 1)))], expect: 'c', gen: { Y: 'dist' } });
C('sm11', `${SBB}dL/dZ = (P - Y) / B`, { f: fSBB, wrt: 'Z', steps: [(v, n) => sc(1 / v.B, sub(n.P, v.Y))], expect: 'c', gen: { Y: 'dist' } });
C('sm12', `${SBB}dL/db = sumcols(dL/dZ)`, { f: fSBB, wrt: 'b', steps: [(v, n, d) => sumcols(d('Z'))], expect: 'c', gen: { Y: 'dist' } });
const LSM = `z: 5\ny: 5\nL = -sum(y .* log_softmax(z))\n`;
const fLSM = (v) => neg(sum(had(v.y, lsm(v.z))));
C('sm13', `${LSM}dL/dz = softmax(z) - y`, { f: fLSM, wrt: 'z', steps: [(v) => sub(softmax(v.z), v.y)], expect: 'c', gen: { y: 'dist' } });
C('sm14', `${LSM}dL/dz = exp(z) ./ sum(exp(z)) - y`, { f: fLSM, wrt: 'z', steps: [(v) => sub(dv(ex(v.z), sum(ex(v.z))), v.y)], expect: 'c', gen: { y: 'dist' } });
const SQ = `z: 3\ny: 3\np = softmax(z)\nL = norm2(p - y)\n`;
const fSQ = (v, N) => norm2(sub(N('p', softmax(v.z)), v.y));
C('sm15', `${SQ}# softmax Jacobian is diag(p) - p p'\ndL/dz = (diag(p) - p p') dL/dp`, { f: fSQ, wrt: 'z', steps: [(v, n, d) => mm(sub(diag(n.p), mm(n.p, T(n.p))), d('p'))], expect: 'c' });
C('sm16', `${SQ}dL/dz = (diag(p) - p' p) dL/dp`, { f: fSQ, wrt: 'z', steps: [(v, n, d) => mm(sub(diag(n.p), mm(T(n.p), n.p)), d('p'))], expect: 'i' });
C('sm17', `${SQ}dL/dz = 2 (p - y)`, { f: fSQ, wrt: 'z', steps: [(v, n) => sc(2, sub(n.p, v.y))], expect: 'i' });

// ---------- F. two-layer nets ----------
const N2 = `W1: 4x3\nb1: 4\nW2: 2x4\nb2: 2\nx: 3\ny: 2\nz1 = W1 x + b1\na1 = σ(z1)\nz2 = W2 a1 + b2\nL = 0.5 * norm2(z2 - y)\n`;
const fN2 = (v, N) => { const z1 = N('z1', add(mm(v.W1, v.x), v.b1)); const a1 = N('a1', sig(z1)); const z2 = N('z2', add(mm(v.W2, a1), v.b2)); return sc(0.5, norm2(sub(z2, v.y))); };
C('net01', `${N2}dL/dW2 = (z2 - y) a1'`, { f: fN2, wrt: 'W2', steps: [(v, n) => mm(sub(n.z2, v.y), T(n.a1))], expect: 'c' });
C('net02', `${N2}dL/dz1 = (W2' dL/dz2) ⊙ σ'(z1)`, { f: fN2, wrt: 'z1', steps: [(v, n, d) => had(mm(T(v.W2), d('z2')), dsig(n.z1))], expect: 'c' });
C('net03', `${N2}dL/dz1 = (W2 dL/dz2) ⊙ σ'(z1)`, { f: fN2, wrt: 'z1', steps: [(v, n, d) => had(mm(v.W2, d('z2')), dsig(n.z1))], expect: 'i' });
C('net04', `${N2}dL/dz1 = W2' dL/dz2`, { f: fN2, wrt: 'z1', steps: [(v, n, d) => mm(T(v.W2), d('z2'))], expect: 'i' });
C('net05', `${N2}dL/dW1 = ((W2' (z2 - y)) ⊙ σ'(z1)) x'`, { f: fN2, wrt: 'W1', steps: [(v, n) => mm(had(mm(T(v.W2), sub(n.z2, v.y)), dsig(n.z1)), T(v.x))], expect: 'c' });
C('net06', `${N2}dL/dW1 = diag(σ'(z1)) W2' (z2 - y) x'`, { f: fN2, wrt: 'W1', steps: [(v, n) => mm(diag(dsig(n.z1)), T(v.W2), sub(n.z2, v.y), T(v.x))], expect: 'c' });
C('net07', `${N2}dL/db1 = σ'(z1) ⊙ (W2ᵀ dL/dz2)`, { f: fN2, wrt: 'b1', steps: [(v, n, d) => had(dsig(n.z1), mm(T(v.W2), d('z2')))], expect: 'c' });
C('net08', `${N2}dL/dW1 = dL/dz1 x'`, { f: fN2, wrt: 'W1', steps: [(v, n, d) => mm(d('z1'), T(v.x))], expect: 'c' });
C('net09', `${N2}dL/dW1 = x dL/dz1'`, { f: fN2, wrt: 'W1', steps: [(v, n, d) => mm(v.x, T(d('z1')))], expect: 'i', note: "dL/dz1' read as (dL/dz1)'" });
C('net10', `${N2}dL/da1 = W2' (z2 - y)`, { f: fN2, wrt: 'a1', steps: [(v, n) => mm(T(v.W2), sub(n.z2, v.y))], expect: 'c' });
C('net11', `${N2}# forgot the 0.5 cancels the 2\ndL/db2 = 2 (z2 - y)`, { f: fN2, wrt: 'b2', steps: [(v, n) => sc(2, sub(n.z2, v.y))], expect: 'i' });
const NB = `W1: 4x3; b1: 4; W2: 2x4; b2: 2\nX: 3xB\nY: 2xB\nZ1 = W1 X + b1\nA1 = relu(Z1)\nZ2 = W2 A1 + b2\nL = norm2(Z2 - Y) / (2*B)\n`;
const fNB = (v, N) => { const Z1 = N('Z1', add(mm(v.W1, v.X), v.b1)); const A1 = N('A1', relu(Z1)); const Z2 = N('Z2', add(mm(v.W2, A1), v.b2)); return sc(1 / (2 * v.B), norm2(sub(Z2, v.Y))); };
C('netb01', `${NB}dL/dZ2 = (Z2 - Y) / B`, { f: fNB, wrt: 'Z2', steps: [(v, n) => sc(1 / v.B, sub(n.Z2, v.Y))], expect: 'c' });
C('netb02', `${NB}dL/db2 = sumcols(Z2 - Y) / B`, { f: fNB, wrt: 'b2', steps: [(v, n) => sc(1 / v.B, sumcols(sub(n.Z2, v.Y)))], expect: 'c' });
C('netb03', `${NB}dL/db2 = (Z2 - Y) / B`, { f: fNB, wrt: 'b2', steps: [(v, n) => sc(1 / v.B, sub(n.Z2, v.Y))], expect: 'i' });
C('netb04', `${NB}dL/dW1 = ((W2' dL/dZ2) ⊙ step(Z1)) X'`, { f: fNB, wrt: 'W1', steps: [(v, n, d) => mm(had(mm(T(v.W2), d('Z2')), step(n.Z1)), T(v.X))], expect: 'c' });
C('netb05', `${NB}dL/db1 = sumcols((W2' dL/dZ2) ⊙ relu'(Z1))`, { f: fNB, wrt: 'b1', steps: [(v, n, d) => sumcols(had(mm(T(v.W2), d('Z2')), step(n.Z1)))], expect: 'c' });
C('netb06', `${NB}dL/dW2 = dL/dZ2 A1'\n       = (Z2 - Y) A1' / B\n       = (1/B) (W2 A1 + b2 - Y) A1'`, { f: fNB, wrt: 'W2', steps: [(v, n, d) => mm(d('Z2'), T(n.A1)), (v, n) => sc(1 / v.B, mm(sub(n.Z2, v.Y), T(n.A1))), (v, n) => sc(1 / v.B, mm(sub(add(mm(v.W2, n.A1), v.b2), v.Y), T(n.A1)))], expect: 'c' });
C('netb07', `${NB}dL/dW2 = dL/dZ2 A1'\n= (Z2 - Y) A1'\n= (W2 A1 + b2 - Y) A1'`, { f: fNB, wrt: 'W2', steps: [(v, n, d) => mm(d('Z2'), T(n.A1)), (v, n) => mm(sub(n.Z2, v.Y), T(n.A1)), (v, n) => mm(sub(add(mm(v.W2, n.A1), v.b2), v.Y), T(n.A1))], expect: 'i', step: 2 });
C('netb08', `${NB}dL/dA1 = W2' dL/dZ2`, { f: fNB, wrt: 'A1', steps: [(v, n, d) => mm(T(v.W2), d('Z2'))], expect: 'c' });
C('netb09', `${NB}dL/dW1 = (W2' dL/dZ2) X'`, { f: fNB, wrt: 'W1', steps: [(v, n, d) => mm(mm(T(v.W2), d('Z2')), T(v.X))], expect: 'i' });
const NT = `W1: 4x3\nW2: 1x4\nx: 3\nL = W2 tanh(W1 x)\n`;
const fNT = (v) => mm(v.W2, th(mm(v.W1, v.x)));
C('net12', `${NT}dL/dW1 = (W2' ⊙ (1 - tanh(W1 x).^2)) x'`, { f: fNT, wrt: 'W1', steps: [(v) => mm(had(T(v.W2), sub(1, pw(th(mm(v.W1, v.x)), 2))), T(v.x))], expect: 'c' });
C('net13', `${NT}dL/dW2 = tanh(W1 x)`, { f: fNT, wrt: 'W2', steps: [(v) => th(mm(v.W1, v.x))], expect: 'i' });
C('net14', `${NT}dL/dW2 = tanh(W1 x)'`, { f: fNT, wrt: 'W2', steps: [(v) => T(th(mm(v.W1, v.x)))], expect: 'c' });
const NWT = `W1: 3x4\nw2: 4\nx: 3\nh = σ(W1' x)\nL = w2' h\n`;
const fNWT = (v, N) => mm(T(v.w2), N('h', sig(mm(T(v.W1), v.x))));
C('net15', `# W' x convention in the first layer\n${NWT}dL/dW1 = x (w2 ⊙ σ'(W1' x))'`, { f: fNWT, wrt: 'W1', steps: [(v) => mm(v.x, T(had(v.w2, dsig(mm(T(v.W1), v.x)))))], expect: 'c' });
C('net16', `${NWT}dL/dW1 = (w2 ⊙ σ'(W1' x)) x'`, { f: fNWT, wrt: 'W1', steps: [(v) => mm(had(v.w2, dsig(mm(T(v.W1), v.x))), T(v.x))], expect: 'i' });
C('net17', `${NWT}dL/dx = W1 (w2 .* h .* (1 - h))`, { f: fNWT, wrt: 'x', steps: [(v, n) => mm(v.W1, had(v.w2, n.h, sub(1, n.h)))], expect: 'c' });

// ---------- G. L2 penalties ----------
const RG = `W: 3x2\nx: 2\ny: 3\nL = 0.5 * norm2(W x - y) + 0.05 * norm2(W)\n`;
const fRG = (v) => add(sc(0.5, norm2(ls(v))), sc(0.05, norm2(v.W)));
C('reg01', `${RG}dL/dW = (W x - y) x' + 0.1 W`, { f: fRG, wrt: 'W', steps: [(v) => add(mm(ls(v), T(v.x)), sc(0.1, v.W))], expect: 'c' });
C('reg02', `${RG}# penalty derivative missing its 2\ndL/dW = (W x - y) x' + 0.05 W`, { f: fRG, wrt: 'W', steps: [(v) => add(mm(ls(v), T(v.x)), sc(0.05, v.W))], expect: 'i' });
C('reg03', `W: 2x3\nX: 3xB\nY: 2xB\nL = mse(W X, Y) + 0.01 * sum(W .* W)\ndL/dW = (1/B) (W X - Y) X' + 0.02 W`, { f: (v) => add(mse(mm(v.W, v.X), v.Y), sc(0.01, sum(had(v.W, v.W)))), wrt: 'W', steps: [(v) => add(sc(1 / v.B, mm(bX(v), T(v.X))), sc(0.02, v.W))], expect: 'c' });
C('reg04', `W: 2x3\nX: 3xB\nY: 2xB\nL = mse(W X, Y) + 0.01 * sum(W .* W)\ndL/dW = (1/B) (W X - Y) X' + 0.02 W'`, { f: (v) => add(mse(mm(v.W, v.X), v.Y), sc(0.01, sum(had(v.W, v.W)))), wrt: 'W', steps: [(v) => add(sc(1 / v.B, mm(bX(v), T(v.X))), sc(0.02, T(v.W)))], expect: 'i' });
C('reg05', `W: n x m\nx: m\ny: n\nL = norm2(W x - y) + 0.5 * norm2(W)\ndL/dW = 2 (W x - y) x' + W`, { f: (v) => add(norm2(ls(v)), sc(0.5, norm2(v.W))), wrt: 'W', steps: [(v) => add(sc(2, mm(ls(v), T(v.x))), v.W)], expect: 'c' });
C('reg06', `W: n x m\nx: m\ny: n\nL = norm2(W x - y) + 0.5 * norm2(W)\ndL/dW = (2 (W x - y) + W x) x'`, { f: (v) => add(norm2(ls(v)), sc(0.5, norm2(v.W))), wrt: 'W', steps: [(v) => mm(add(sc(2, ls(v)), mm(v.W, v.x)), T(v.x))], expect: 'i' });

// ---------- H. identities ----------
C('id01', `W: 4x3\nx: 3\ny: 4\n(W x - y)' (W x - y) = norm2(W x - y)`, { lhs: (v) => mm(T(ls(v)), ls(v)), rhs: (v) => norm2(ls(v)), expect: 'c' });
C('id02', `x: 3\ny: 4\n(x y')' = y x'`, { lhs: (v) => T(mm(v.x, T(v.y))), rhs: (v) => mm(v.y, T(v.x)), expect: 'c' });
C('id03', `A: 3x3\nB: 3x3\n# transpose of a product, order not reversed\n(A B)' = A' B'`, { lhs: (v) => T(mm(v.A, v.B)), rhs: (v) => mm(T(v.A), T(v.B)), expect: 'i' });
C('id04', `A: 2x3\nB: 3x4\n(A B)ᵀ = Bᵀ Aᵀ`, { lhs: (v) => T(mm(v.A, v.B)), rhs: (v) => mm(T(v.B), T(v.A)), expect: 'c' });
C('id05', `u: 4\nv: 4\nsum(u .* v) = u' v`, { lhs: (v) => sum(had(v.u, v.v)), rhs: (v) => mm(T(v.u), v.v), expect: 'c' });
C('id06', `u: 4\nv: 4\ndot(u, v) = sum(outer(u, v))`, { lhs: (v) => dot(v.u, v.v), rhs: (v) => sum(outer(v.u, v.v)), expect: 'i' });
C('id07', `A: 3x4\nsumcols(A) = A ones(4, 1)`, { lhs: (v) => sumcols(v.A), rhs: (v) => mm(v.A, ones(4, 1)), expect: 'c' });
C('id08', `A: 3x4\nsumrows(A) = ones(1, 3) A`, { lhs: (v) => sumrows(v.A), rhs: (v) => mm(ones(1, 3), v.A), expect: 'c' });
C('id09', `v: 5\nw: 5\ndiag(v) w = v ⊙ w`, { lhs: (v) => mm(diag(v.v), v.w), rhs: (v) => had(v.v, v.w), expect: 'c' });
C('id10', `A: 3x4\nnorm2(A) = sum(A ∘ A)`, { lhs: (v) => norm2(v.A), rhs: (v) => sum(had(v.A, v.A)), expect: 'c' });
C('id11', `z: 4\nσ'(z) = σ(z) ⊙ (1 - σ(z))`, { lhs: (v) => dsig(v.z), rhs: (v) => had(sig(v.z), sub(1, sig(v.z))), expect: 'c' });
C('id12', `z: 4\ntanh'(z) = 1 - tanh(z)`, { lhs: (v) => dth(v.z), rhs: (v) => sub(1, th(v.z)), expect: 'i' });
C('id13', `z: 4\n# softmax is shift invariant\nsoftmax(z + 3) = softmax(z)`, { lhs: (v) => softmax(add(v.z, 3)), rhs: (v) => softmax(v.z), expect: 'c' });
C('id14', `A: 3x4\nA eye(4) = A`, { lhs: (v) => mm(v.A, eye(4)), rhs: (v) => v.A, expect: 'c' });
C('id15', `A: 3x4\neye(3) A' = A'`, { lhs: (v) => mm(eye(3), T(v.A)), rhs: (v) => T(v.A), expect: 'i' });
C('id16', `A: n x m\nnorm2(A') = norm2(A)`, { lhs: (v) => norm2(T(v.A)), rhs: (v) => norm2(v.A), expect: 'c' });
C('id17', `u: 3\nv: 2\nouter(u, v)ᵀ = outer(v, u)`, { lhs: (v) => T(outer(v.u, v.v)), rhs: (v) => outer(v.v, v.u), expect: 'c' });
C('id18', `x: n\nnorm2(x) = x' x`, { lhs: (v) => norm2(v.x), rhs: (v) => mm(T(v.x), v.x), expect: 'c' });
C('id19', `A: n x m\nB: m x n\nsum(A .* B') = sum(diag(eye(n)))`, { lhs: (v) => sum(had(v.A, T(v.B))), rhs: () => { throw new Error('unused'); }, expect: 'i', skip: true });
C('id20', `z: 4\nsoftplus'(z) = σ(z)`, { lhs: (v) => sig(v.z), rhs: (v) => sig(v.z), expect: 'c', skip: true });
C('id21', `X: 3xB\nb: 3\nsumcols(X + b) = sumcols(X) + B b`, { lhs: (v) => sumcols(add(v.X, v.b)), rhs: (v) => add(sumcols(v.X), sc(v.B, v.b)), expect: 'c' });
C('id22', `X: 3xB\nb: 3\nsumcols(X + b) = sumcols(X) + b`, { lhs: (v) => sumcols(add(v.X, v.b)), rhs: (v) => add(sumcols(v.X), v.b), expect: 'i' });

// ---------- I. values at a point ----------
const P1 = { W: [[1, 2], [3, 4]], x: [1, -1], y: [0, 1] };
const LS2 = `W: 2x2\nx: 2\ny: 2\nL = norm2(W x - y)\n`;
C('val01', `${LS2}dL/dW at ${at(P1)} = [[-2, 2], [-4, 4]]`, { f: fLS, wrt: 'W', point: P1, answer: '[[-2, 2], [-4, 4]]', expect: 'c' });
C('val02', `${LS2}# transposed by mistake\ndL/dW at ${at(P1)} = [[-2, -4], [2, 4]]`, { f: fLS, wrt: 'W', point: P1, answer: '[[-2, -4], [2, 4]]', expect: 'i' });
C('val03', `${LS2}L at ${at(P1)} = 5`, { f: fLS, point: P1, answer: '5', expect: 'c' });
C('val04', `${LS2}dL/dx at ${at(P1)} = [-14, -20]`, { f: fLS, wrt: 'x', point: P1, answer: '[-14, -20]', expect: 'c' });
C('val05', `${LS2}dL/dx at ${at(P1)} = [-14, -20, 0]`, { f: fLS, wrt: 'x', point: P1, answer: '[-14, -20, 0]', expect: 'i', skip: true });
const P2 = { w: [0.5, -1], x: [1, 2] };
const SGV = `w: 2\nx: 2\nL = σ(w' x)\n`;
const fSGV = (v) => sig(mm(T(v.w), v.x));
C('val06', `${SGV}L at ${at(P2)} = 0.18`, { f: fSGV, point: P2, answer: '0.18', expect: 'c' });
C('val07', `${SGV}L at ${at(P2)} = 0.19`, { f: fSGV, point: P2, answer: '0.19', expect: 'i' });
C('val08', `${SGV}dL/dw at ${at(P2)} = [0.149, 0.298]`, { f: fSGV, wrt: 'w', point: P2, answer: '[0.149, 0.298]', expect: 'c' });
C('val09', `${SGV}# forgot sigma'\ndL/dw at ${at(P2)} = [0.182, 0.365]`, { f: fSGV, wrt: 'w', point: P2, answer: '[0.182, 0.365]', expect: 'i' });
const P3 = { z: [1, 2, 3], y: [0, 0, 1] };
C('val10', `z: 3\ny: 3\nL = cross_entropy(softmax(z), y)\ndL/dz at ${at(P3)} = [0.090, 0.245, -0.335]`, { f: (v) => ce(softmax(v.z), v.y), wrt: 'z', point: P3, answer: '[0.090, 0.245, -0.335]', expect: 'c' });
C('val11', `z: 3\ny: 3\nL = cross_entropy(softmax(z), y)\nL at ${at(P3)} = 0.41`, { f: (v) => ce(softmax(v.z), v.y), point: P3, answer: '0.41', expect: 'c' });
const P4 = { W: [[1, -1], [2, 1]], x: [1, 2] };
const RLV = `W: 2x2\nx: 2\nL = sum(relu(W x))\n`;
C('val12', `${RLV}dL/dx at ${at(P4)} = [2, 1]`, { f: (v) => sum(relu(mm(v.W, v.x))), wrt: 'x', point: P4, answer: '[2, 1]', expect: 'c' });
C('val13', `${RLV}# ignored the relu\ndL/dx at ${at(P4)} = [3, 0]`, { f: (v) => sum(relu(mm(v.W, v.x))), wrt: 'x', point: P4, answer: '[3, 0]', expect: 'i' });
C('val14', `${RLV}dL/dW at ${at(P4)} = [[0, 0], [1, 2]]`, { f: (v) => sum(relu(mm(v.W, v.x))), wrt: 'W', point: P4, answer: '[[0, 0], [1, 2]]', expect: 'c' });

// ---------- J. LaTeX ----------
const LX = R`\mathbf{W} \in \mathbb{R}^{4 \times 3}
\mathbf{x} \in \mathbb{R}^{3}
\mathbf{y} \in \mathbb{R}^{4}
L = \|\mathbf{W}\mathbf{x} - \mathbf{y}\|^2
`;
const dLX = { W: ['4', '3'], x: ['3', '1'], y: ['4', '1'] };
C('tex01', LX + R`\frac{\partial L}{\partial \mathbf{W}} = 2(\mathbf{W}\mathbf{x} - \mathbf{y})\mathbf{x}^\top`, { dims: dLX, f: fLS, wrt: 'W', steps: [(v) => sc(2, mm(ls(v), T(v.x)))], expect: 'c' });
C('tex02', LX + R`\frac{\partial L}{\partial \mathbf{W}} = 2\mathbf{x}(\mathbf{W}\mathbf{x}-\mathbf{y})^{\mathsf T}`, { dims: dLX, f: fLS, wrt: 'W', steps: [(v) => sc(2, mm(v.x, T(ls(v))))], expect: 'i' });
C('tex03', LX + R`\frac{\partial L}{\partial \mathbf{x}} = 2\mathbf{W}^T\left(\mathbf{W}\mathbf{x} - \mathbf{y}\right)`, { dims: dLX, f: fLS, wrt: 'x', steps: [(v) => sc(2, mm(T(v.W), ls(v)))], expect: 'c' });
C('tex04', LX + R`\frac{\partial L}{\partial \mathbf{W}} &= 2(\mathbf{W}\mathbf{x}-\mathbf{y})\mathbf{x}^T
&= 2\mathbf{W}\mathbf{x}\mathbf{x}^T - 2\mathbf{y}\mathbf{x}^T`, { dims: dLX, f: fLS, wrt: 'W', steps: [(v) => sc(2, mm(ls(v), T(v.x))), (v) => sub(sc(2, mm(v.W, v.x, T(v.x))), sc(2, mm(v.y, T(v.x))))], expect: 'c' });
const LX3 = R`\mathbf{W} \in \mathbb{R}^{3 \times 3}
\mathbf{x} \in \mathbb{R}^{3}
\mathbf{y} \in \mathbb{R}^{3}
L = \|\mathbf{W}\mathbf{x} - \mathbf{y}\|^2
`;
const dLX3 = { W: ['3', '3'], x: ['3', '1'], y: ['3', '1'] };
C('tex05', LX3 + R`\frac{\partial L}{\partial \mathbf{W}} &= 2(\mathbf{W}\mathbf{x}-\mathbf{y})\mathbf{x}^{\top}
&= 2\mathbf{x}\mathbf{x}^{\top}\mathbf{W} - 2\mathbf{y}\mathbf{x}^{\top}`, { dims: dLX3, f: fLS, wrt: 'W', steps: [(v) => sc(2, mm(ls(v), T(v.x))), (v) => sub(sc(2, mm(v.x, T(v.x), v.W)), sc(2, mm(v.y, T(v.x))))], expect: 'i', step: 2 });
const LXS = R`\bm{W} \in \mathbb{R}^{2 \times 3}
\bm{x} \in \mathbb{R}^{3}
\bm{b} \in \mathbb{R}^{2}
\bm{y} \in \mathbb{R}^{2}
\bm{z} = \bm{W}\bm{x} + \bm{b}
\bm{a} = \sigma(\bm{z})
L = \|\bm{a} - \bm{y}\|^2
`;
const dLXS = { W: ['2', '3'], x: ['3', '1'], b: ['2', '1'], y: ['2', '1'] };
C('tex06', LXS + R`\frac{\partial L}{\partial \bm{z}} = 2(\bm{a} - \bm{y}) \odot \bm{a} \odot (\mathbf{1} - \bm{a})`, { dims: dLXS, f: fSG, wrt: 'z', steps: [(v, n) => had(sc(2, sub(n.a, v.y)), n.a, sub(1, n.a))], expect: 'c' });
C('tex07', LXS + R`\frac{\partial L}{\partial \bm{W}} = \left(2(\bm{a}-\bm{y}) \circ \sigma'(\bm{z})\right)\bm{x}^{\mathsf{T}}`, { dims: dLXS, f: fSG, wrt: 'W', steps: [(v, n) => mm(had(sc(2, sub(n.a, v.y)), dsig(n.z)), T(v.x))], expect: 'c' });
C('tex08', LXS + R`\frac{\partial L}{\partial \bm{W}} = 2(\bm{a}-\bm{y})\bm{x}^{\mathsf{T}}`, { dims: dLXS, f: fSG, wrt: 'W', steps: [(v, n) => mm(sc(2, sub(n.a, v.y)), T(v.x))], expect: 'i' });
C('tex09', LXS + R`\boldsymbol{\delta} = 2(\bm{a} - \bm{y}) \odot \sigma'(\bm{z})
\frac{\partial L}{\partial \bm{W}} = \boldsymbol{\delta}\,\bm{x}^\top`, { dims: dLXS, f: fSG, wrt: 'W', steps: [(v, n) => mm(had(sc(2, sub(n.a, v.y)), dsig(n.z)), T(v.x))], expect: 'c' });
const LN2 = R`W1: 4x3; b1: 4; W2: 2x4; b2: 2; x: 3; y: 2
\mathbf{z}^{[1]} = \mathbf{W}^{[1]}\mathbf{x} + \mathbf{b}^{[1]}
\mathbf{a}^{[1]} = \sigma(\mathbf{z}^{[1]})
\mathbf{z}^{[2]} = \mathbf{W}^{[2]}\mathbf{a}^{[1]} + \mathbf{b}^{[2]}
L = \frac{1}{2}\|\mathbf{z}^{[2]} - \mathbf{y}\|^2
`;
C('tex10', LN2 + R`\frac{\partial L}{\partial \mathbf{z}^{[1]}} = \left((\mathbf{W}^{[2]})^\top \frac{\partial L}{\partial \mathbf{z}^{[2]}}\right) \odot \sigma'(\mathbf{z}^{[1]})`, { f: fN2, wrt: 'z1', steps: [(v, n, d) => had(mm(T(v.W2), d('z2')), dsig(n.z1))], expect: 'c' });
C('tex11', LN2 + R`\frac{\partial L}{\partial \mathbf{W}^{[2]}} = \mathbf{a}^{[1]} (\mathbf{z}^{[2]} - \mathbf{y})^\top`, { f: fN2, wrt: 'W2', steps: [(v, n) => mm(n.a1, T(sub(n.z2, v.y)))], expect: 'i' });
C('tex12', LN2 + R`\frac{\partial L}{\partial \mathbf{b}^{[1]}} = \operatorname{diag}(\sigma'(\mathbf{z}^{[1]}))\,(\mathbf{W}^{[2]})^{T}(\mathbf{z}^{[2]} - \mathbf{y})`, { f: fN2, wrt: 'b1', steps: [(v, n) => mm(diag(dsig(n.z1)), T(v.W2), sub(n.z2, v.y))], expect: 'c' });
const LXB = R`\mathbf{W} \in \mathbb{R}^{3 \times 4}
\mathbf{b} \in \mathbb{R}^{3}
\mathbf{X} \in \mathbb{R}^{4 \times N}
\mathbf{Y} \in \mathbb{R}^{3 \times N}
\mathbf{P} = \operatorname{softmax}(\mathbf{W}\mathbf{X} + \mathbf{b})
L = \operatorname{cross\_entropy}(\mathbf{P}, \mathbf{Y})
`;
const dLXB = { W: ['3', '4'], b: ['3', '1'], X: ['4', 'N'], Y: ['3', 'N'] };
const fLXB = (v, N) => ce(N('P', softmax(add(mm(v.W, v.X), v.b))), v.Y);
C('tex13', LXB + R`\frac{\partial L}{\partial \mathbf{b}} = \frac{1}{N}(\mathbf{P} - \mathbf{Y})\mathbf{1}`, { dims: dLXB, f: fLXB, wrt: 'b', steps: [(v, n) => sc(1 / v.N, mm(sub(n.P, v.Y), ones(v.N, 1)))], expect: 'c', gen: { Y: 'dist' } });
C('tex14', LXB + R`\frac{\partial L}{\partial \mathbf{b}} = \frac{1}{N}(\mathbf{P} - \mathbf{Y})`, { dims: dLXB, f: fLXB, wrt: 'b', steps: [(v, n) => sc(1 / v.N, sub(n.P, v.Y))], expect: 'i', gen: { Y: 'dist' } });
C('tex15', LXB + R`\frac{\partial L}{\partial \mathbf{W}} = \frac{1}{N}(\mathbf{P} - \mathbf{Y})\mathbf{X}^\top`, { dims: dLXB, f: fLXB, wrt: 'W', steps: [(v, n) => sc(1 / v.N, mm(sub(n.P, v.Y), T(v.X)))], expect: 'c', gen: { Y: 'dist' } });
const LXD = R`\mathbf{W} \in \mathbb{R}^{4 \times 3}
\mathbf{x} \in \mathbb{R}^{3}
\mathbf{z} = \mathbf{W}\mathbf{x}
L = \sum \sigma(\mathbf{z})
`;
const fLXD = (v, N) => sum(sig(N('z', mm(v.W, v.x))));
C('tex16', R`\mathbf{W} \in \mathbb{R}^{4 \times 3}
\mathbf{x} \in \mathbb{R}^{3}
\mathbf{z} = \mathbf{W}\mathbf{x}
L = \operatorname{sum}(\sigma(\mathbf{z}))
\frac{\partial L}{\partial \mathbf{x}} = \left(\operatorname{diag}(\sigma'(\mathbf{z}))\mathbf{W}\right)^{\top}\mathbf{1}`, { dims: { W: ['4', '3'], x: ['3', '1'] }, f: fLXD, wrt: 'x', steps: [(v, n) => mm(T(mm(diag(dsig(n.z)), v.W)), ones(4, 1))], expect: 'c' });
C('tex17', R`\mathbf{W} \in \mathbb{R}^{4 \times 3}
\mathbf{x} \in \mathbb{R}^{3}
\mathbf{z} = \mathbf{W}\mathbf{x}
L = \operatorname{sum}(\sigma(\mathbf{z}))
\frac{\partial L}{\partial \mathbf{x}} = \operatorname{diag}(\sigma'(\mathbf{z}))\mathbf{W}\mathbf{1}`, { dims: { W: ['4', '3'], x: ['3', '1'] }, f: fLXD, wrt: 'x', steps: [(v, n) => mm(diag(dsig(n.z)), v.W, ones(3, 1))], expect: 'i' });
const LXR = R`\mathbf{W} \in \mathbb{R}^{3 \times 2}
\mathbf{x} \in \mathbb{R}^{2}
\mathbf{y} \in \mathbb{R}^{3}
L = \frac{1}{2}\|\mathbf{W}\mathbf{x}-\mathbf{y}\|^2 + \frac{1}{2}\|\mathbf{W}\|^2
`;
const dLXR = { W: ['3', '2'], x: ['2', '1'], y: ['3', '1'] };
const fLXR = (v) => add(sc(0.5, norm2(ls(v))), sc(0.5, norm2(v.W)));
C('tex18', LXR + R`\frac{\partial L}{\partial \mathbf{W}} = (\mathbf{W}\mathbf{x}-\mathbf{y})\mathbf{x}^\top + \mathbf{W}`, { dims: dLXR, f: fLXR, wrt: 'W', steps: [(v) => add(mm(ls(v), T(v.x)), v.W)], expect: 'c' });
C('tex19', LXR + R`\frac{\partial L}{\partial \mathbf{W}} = (\mathbf{W}\mathbf{x}-\mathbf{y})\mathbf{x}^\top + 2\mathbf{W}`, { dims: dLXR, f: fLXR, wrt: 'W', steps: [(v) => add(mm(ls(v), T(v.x)), sc(2, v.W))], expect: 'i' });
C('tex20', R`\mathbf{W} \in \mathbb{R}^{4 \times 3}
\mathbf{x} \in \mathbb{R}^{3}
\mathbf{y} \in \mathbb{R}^{4}
\mathbf{r} = \mathbf{W}\mathbf{x} - \mathbf{y}
L = \mathbf{r}^\top\mathbf{r}
\frac{\partial L}{\partial \mathbf{r}} = 2\mathbf{r}^\top`, { dims: dLX, f: (v, N) => { const r = N('r', ls(v)); return mm(T(r), r); }, wrt: 'r', steps: [(v, n) => sc(2, T(n.r))], expect: 'i' });
