// Recomputes expected.json for this corpus, independently of chainrule.
// Every claim is re-typed here by hand in mathjs syntax; the derivative the
// claim is about ("target") is differentiated symbolically by mathjs and every
// step of the derivation is compared numerically at random points.
// The verdict is decided at the first step whose two sides differ.
// Usage: node compute-expected.mjs   (writes expected.json next to this file)
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';
import { fileURLToPath } from 'url';
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const math = require(path.join(here, '../../../node_modules/mathjs'));

const sig = (t) => 1 / (1 + Math.exp(-t));
// D(expr, v, at): d expr / d v, evaluated at the sample point (or at `at`)
const D = (expr, v, at = {}) => { const d = math.derivative(expr, v).compile(); return (s) => d.evaluate({ ...s, ...at }); };
const E = (expr) => { const c = math.compile(expr); return (s) => c.evaluate(s); };
const fn = (f) => (typeof f === 'string' ? E(f) : f);

// one claim: rows = [[anchor, rhs], ...] in order; target = exact derivative.
// vars: random ranges; derived: [name, expr] evaluated in order at each point.
const X = { x: [0.3, 2.5] };
const claim = (target, rows, opt = {}) => ({ target: fn(target), rows: rows.map(([a, r]) => [a, fn(r)]), ...opt });

// ---------- shared models ----------
const NEURON = { vars: { w: [-1.5, 1.5], x: [-2, 2], b: [-1, 1], y: [-0.5, 1.5] }, derived: [['z', 'w*x+b'], ['a', '1/(1+exp(-z))']] };
const LW = '0.5*(y - 1/(1+exp(-(w*x+b))))^2';

const spec = {
  'hw01_product_rule.tex': [
    claim(D('x^2*sin(x)', 'x'), [["f'(x) &= 2x \\sin x + x^2 \\cos x.", '2*x*sin(x) + x^2*cos(x)']]),
    claim(D('x^3*exp(x)', 'x'), [["g'(x) &= 3x^2 e^{x} + x^3 e^{x}", '3*x^2*exp(x) + x^3*exp(x)'], ['&= x^2 e^{x}(3 + x)', 'x^2*exp(x)*(3+x)']]),
    claim(D('x^3*exp(x)', 'x', { x: 1 }), [["g'(1) = 4e", '4*e']]),
    claim(D('x*cos(x)*log(x)', 'x'), [['\\ddx\\left(x \\cos x \\ln x\\right)', 'cos(x)*log(x) - x*sin(x)*log(x) + cos(x)']]),
    claim(D('(2*x+1)*sqrt(x)', 'x'), [['\\ddx\\left((2x + 1)\\sqrt{x}\\right)', '2*sqrt(x) + (2*x+1)/(2*sqrt(x))']]),
  ],
  'hw02_quotient_rule.tex': [
    claim(D('(x^2+1)/(x-3)', 'x'), [
      ["q'(x) &= \\frac{2x(x - 3) - (x^2 + 1)}{(x - 3)^2}", '(2*x*(x-3) - (x^2+1))/(x-3)^2'],
      ['&= \\frac{2x^2 - 6x - x^2 - 1}{(x - 3)^2}', '(2*x^2 - 6*x - x^2 - 1)/(x-3)^2'],
      ['&= \\frac{x^2 - 6x + 1}{(x - 3)^2}', '(x^2 - 6*x + 1)/(x-3)^2'],
      ['&= \\frac{(x - 3)^2 - 8}{(x - 3)^2}', '((x-3)^2 - 8)/(x-3)^2']], { vars: { x: [3.5, 6] } }),
    claim(D('sin(x)/x', 'x'), [["r'(x) = \\frac{x \\cos x - \\sin x}{x^2}", '(x*cos(x) - sin(x))/x^2']]),
    claim(D('exp(x)/(1+x^2)', 'x'), [
      ['\\frac{d}{dx}\\left(\\frac{e^{x}}{1 + x^2}\\right) &=', '(exp(x)*(1+x^2) - exp(x)*2*x)/(1+x^2)^2'],
      ['&= \\frac{e^{x}(x - 1)^2}{(1 + x^2)^2}', 'exp(x)*(x-1)^2/(1+x^2)^2']]),
    claim(D('(x^2+1)/(x-3)', 'x', { x: 4 }), [["q'(4) = -7", '-7']]),
  ],
  'hw03_chain_rule.tex': [
    claim(D('sin(x^2)', 'x'), [['\\frac{d}{dx}\\left(\\sin(x^2)\\right) = 2x\\cos(x^2)', '2*x*cos(x^2)']]),
    claim(D('(3*x+1)^5', 'x'), [['\\frac{d}{dx}\\left((3x + 1)^5\\right) = 5(3x + 1)^4', '5*(3*x+1)^4']]),
    claim(D('sqrt(1+x^2)', 'x'), [['\\frac{d}{dx}\\left(\\sqrt{1 + x^2}\\right)', 'x/sqrt(1+x^2)']]),
    claim(D('exp(-x^2)', 'x'), [['\\frac{d}{dx}\\left(e^{-x^2}\\right)', '-2*x*exp(-x^2)']]),
    claim(D('cos(2*x)^3', 'x'), [
      ["h'(x) &= 3\\cos^2(2x)", '3*cos(2*x)^2*(-sin(2*x))*2'],
      ['&= -6\\cos^2(2x)\\sin(2x)', '-6*cos(2*x)^2*sin(2*x)'],
      ['&= -3\\cos(2x)\\sin(4x)', '-3*cos(2*x)*sin(4*x)']]),
    claim(D('log(x^2+4)', 'x'), [["k'(x) &= \\frac{2x}{x^2 + 4}", '2*x/(x^2+4)']]),
    claim(D('exp(sin(3*x))', 'x'), [["m'(x) &= 3\\cos(3x)", '3*cos(3*x)*exp(sin(3*x))']]),
    claim(D('tan(5*x)', 'x'), [['\\frac{d}{dx}\\left(\\tan(5x)\\right) = \\sec^2(5x)', 'sec(5*x)^2']], { vars: { x: [0.05, 0.25] } }),
  ],
  'hw04_exp_log.tex': [
    claim(D('x*exp(2*x)', 'x'), [['\\frac{\\d}{\\d x}\\left(x e^{2x}\\right)', 'exp(2*x) + 2*x*exp(2*x)']]),
    claim(D('2^x', 'x'), [['\\ddx\\left(2^{x}\\right) &= 2^{x} \\ln 2', '2^x*log(2)']]),
    claim(D('exp(x^2+1)', 'x'), [['\\ddx\\left(e^{x^2 + 1}\\right) &= 2x e^{x^2 + 1}', '2*x*exp(x^2+1)']]),
    claim(D('log(x^2/(x+1))', 'x'), [
      ['\\ddx\\left(\\ln\\frac{x^2}{x + 1}\\right) &=', D('2*log(x) - log(x+1)', 'x')],
      ['&= \\frac{2}{x} - \\frac{1}{x + 1}', '2/x - 1/(x+1)'],
      ['&= \\frac{2(x + 1) - x}{x(x + 1)}', '(2*(x+1) - x)/(x*(x+1))'],
      ['&= \\frac{x + 1}{x(x + 1)}', '(x+1)/(x*(x+1))'],
      ['&= \\frac{1}{x}', '1/x']]),
    claim(D('log(exp(x)+1)', 'x'), [['\\ddx\\left(\\ln(e^{x} + 1)\\right)', 'exp(x)/(exp(x)+1)']]),
    claim(D('log(3*x)', 'x'), [['\\ddx\\left(\\ln(3x)\\right) &= \\frac{3}{x}', '3/x']]),
    claim(D('x^x', 'x'), [['\\ddx\\left(x^{x}\\right)', 'x^x*(log(x)+1)']]),
  ],
  'hw05_trig.tex': [
    claim(D('tan(x)', 'x'), [
      ['\\frac{d}{dx}\\left(\\tan x\\right) &=', D('sin(x)/cos(x)', 'x')],
      ['&= \\frac{\\cos x \\cos x + \\sin x \\sin x}{\\cos^2 x}', '(cos(x)^2 + sin(x)^2)/cos(x)^2'],
      ['&= \\frac{1}{\\cos^2 x}', '1/cos(x)^2'],
      ['&= \\sec^2 x', 'sec(x)^2']], { vars: { x: [-1.2, 1.2] } }),
    claim(D('sin(x)*cos(x)', 'x'), [
      ['\\frac{d}{dx}\\left(\\sin x \\cos x\\right) =', 'cos(x)*cos(x) - sin(x)*sin(x)'],
      ['= \\cos^2 x - \\sin^2 x', 'cos(x)^2 - sin(x)^2'],
      ['= 1 - \\sin^2 x', '1 - sin(x)^2'],
      ['= \\cos(2x)', 'cos(2*x)']]),
    claim(D('cos(3*x)', 'x'), [['\\frac{d}{dx}\\left(\\cos(3x)\\right) = -3\\sin(3x)', '-3*sin(3*x)']]),
    claim(D('sin(x)^2', 'x'), [['\\frac{d}{dx}\\left(\\sin^2 x\\right) = 2\\sin x \\cos x', '2*sin(x)*cos(x)']]),
    claim(D('1/sin(x)', 'x'), [['\\frac{d}{dx}\\left(\\frac{1}{\\sin x}\\right)', '-cos(x)/sin(x)^2']]),
    claim(D('atan(2*x)', 'x'), [['\\frac{d}{dx}\\left(\\arctan(2x)\\right)', '2/(1+4*x^2)']]),
    claim(D('x*sin(x) + cos(x)', 'x'), [["Then $f'(x) = x \\cos x$", 'x*cos(x)']]),
  ],
  'hw06_neuron_backprop.tex': [
    claim(D('0.5*(y-a)^2', 'a'), [['\\pd{a} &= -(y - a) = a - y', '-(y-a)'], ['\\pd{a} &= -(y - a) = a - y', 'a - y']], NEURON),
    claim(D('1/(1+exp(-z))', 'z'), [['\\frac{\\partial a}{\\partial z} &= \\sig(z)', 'sig(z)*(1-sig(z))'], ['\\frac{\\partial a}{\\partial z} &= \\sig(z)', 'a*(1-a)']], NEURON),
    claim(D('0.5*(y - 1/(1+exp(-z)))^2', 'z'), [['\\pd{z} &= \\pd{a} \\cdot', '(a-y)*a*(1-a)'], ['\\pd{z} &= \\pd{a} \\cdot', '(a-y)*a*(1-a)']], NEURON),
    claim(D(LW, 'w'), [['\\pd{w} &= \\pd{z} \\cdot x', '(a-y)*a*(1-a)*x'], ['\\pd{w} &= \\pd{z} \\cdot x', '(a-y)*a*(1-a)*x']], NEURON),
    claim(D(LW, 'b'), [['\\pd{b} &= (a - y)\\, a(1 - a)', '(a-y)*a*(1-a)']], NEURON),
  ],
  'hw07_backprop_errors.tex': [
    claim(D('0.5*(y-a)^2', 'a'), [['\\frac{\\partial L}{\\partial a} = y - a', 'y - a']], NEURON),
    claim(D('1/(1+exp(-z))', 'z'), [['\\frac{\\partial a}{\\partial z} = a(1 - a)', 'a*(1-a)']], NEURON),
    claim(D(LW, 'w'), [
      ['\\frac{\\partial L}{\\partial w} &= \\frac{\\partial L}{\\partial a} \\frac', '(a-y)*a*(1-a)*x'],
      ['&= (a - y)\\, \\sigma(z)\\left(1 - \\sigma(z)\\right) x', '(a-y)*sig(z)*(1-sig(z))*x'],
      ['&= (a - y)\\, a(1 - a) \\nonumber', '(a-y)*a*(1-a)'],
      ['&= (a - y)(a - a^2)', '(a-y)*(a-a^2)']], NEURON),
    claim(D(LW, 'b'), [['\\frac{\\partial L}{\\partial b} &= (a - y)\\, a(1 - a)\\, x', '(a-y)*a*(1-a)*x']], NEURON),
    claim(D(LW, 'x'), [['\\frac{\\partial L}{\\partial x} &= (a - y)\\, a(1 - a)\\, w', '(a-y)*a*(1-a)*w']], NEURON),
    claim(D('0.5*(h-y)^2', 'h'), [['\\frac{\\partial E}{\\partial h} &= h - y', 'h - y']], { ...NEURON, derived: [...NEURON.derived, ['h', 'tanh(z)']] }),
    claim(D('tanh(z)', 'z'), [['\\frac{\\partial h}{\\partial z} &= 1 - \\tanh^2(z)', '1 - tanh(z)^2']], NEURON),
    claim(D('0.5*(tanh(w*x+b)-y)^2', 'w'), [['\\frac{\\partial E}{\\partial w} &= (h - y)(1 - h^2)', '(h-y)*(1-h^2)']], { ...NEURON, derived: [...NEURON.derived, ['h', 'tanh(z)']] }),
  ],
  'hw08_gradient_descent.tex': [
    claim(D('(w-3)^2+1', 'w'), [["f'(w) = 2(w - 3)", '2*(w-3)']], { vars: { w: [-3, 6] } }),
    claim(D('(w-3)^2+1', 'w', { w: 5 }), [["f'(5) = 4", '4']]),
    claim(D('(w-3)^2+1', 'w', { w: 4.6 }), [["f'(4.6) &= 3.2", '3.2']]),
    claim(D('(w-3)^2+1', 'w', { w: 4.28 }), [["f'(4.28) &= 2.46", '2.46']]),
    claim(D('w^4-3*w^2', 'w'), [["g'(w) = 4w^3 - 6w", '4*w^3 - 6*w']], { vars: { w: [-2, 2] } }),
    claim(D('w^4-3*w^2', 'w', { w: 1 }), [["g'(1) = -2", '-2']]),
    claim(D('w^4-3*w^2', 'w', { w: 2 }), [["g'(2) = 20", '20']]),
  ],
  'hw09_softmax_ce.tex': (() => {
    const P = 'exp(z1)/(exp(z1)+exp(z2))';
    const S = { vars: { z1: [-2, 2], z2: [-2, 2] }, derived: [['p', P]] };
    const A = '1/(1+exp(-z))';
    const B = { vars: { z: [-2, 2], y: [0, 1] }, derived: [['a', A]] };
    return [
      claim(D(P, 'z1'), [['\\frac{\\partial p}{\\partial z_1} &= p(1 - p)', 'p*(1-p)']], S),
      claim(D(P, 'z2'), [['\\frac{\\partial p}{\\partial z_2} &= -p(1 - p)', '-p*(1-p)']], S),
      claim(D('-log(p)', 'p'), [['\\frac{\\partial L}{\\partial p} &= -\\frac{1}{p}', '-1/p']], S),
      claim(D(`-log(${P})`, 'z1'), [['\\frac{\\partial L}{\\partial z_1} &= p - 1', 'p - 1']], S),
      claim(D(`-log(${P})`, 'z2'), [['\\frac{\\partial L}{\\partial z_2} &= 1 - p', '1 - p']], S),
      claim(D(`-y*log(${A}) - (1-y)*log(1-${A})`, 'z'), [
        ['\\frac{\\partial C}{\\partial z} &= \\frac{\\partial C}{\\partial a}', '(-y/a + (1-y)/(1-a))*a*(1-a)'],
        ['&= \\left(-\\frac{y}{a} + \\frac{1 - y}{1 - a}\\right) a(1 - a)', '(-y/a + (1-y)/(1-a))*a*(1-a)'],
        ['&= -y(1 - a) + (1 - y)a', '-y*(1-a) + (1-y)*a'],
        ['&= a - y', 'a - y']], B),
      claim(D('-y*log(a) - (1-y)*log(1-a)', 'a'), [['\\frac{\\partial C}{\\partial a} = \\frac{a - y}{a(1 - a)}', '(a-y)/(a*(1-a))']], B),
    ];
  })(),
  'hw10_mixed_review.tex': [
    claim(D('x^3-2*x+7', 'x'), [["\\[ f'(x) = 3x^2 - 2 \\]", '3*x^2 - 2']]),
    claim(D('x^2*exp(-x)', 'x'), [
      ['\\frac{d}{dx}\\left(x^2 e^{-x}\\right) &=', '2*x*exp(-x) - x^2*exp(-x)'],
      ['&= x e^{-x}(2 - x)', 'x*exp(-x)*(2-x)'],
      ['&= (2x - x^2)e^{-x}', '(2*x - x^2)*exp(-x)']]),
    claim(D('1/x^2', 'x'), [['\\frac{d}{dx}\\left(\\frac{1}{x^2}\\right)', '-2/x^3']]),
    claim(D('sqrt(x)', 'x'), [['\\frac{d}{dx}\\left(\\sqrt{x}\\right) = \\frac{1}{\\sqrt{x}}', '1/sqrt(x)']]),
  ],
  'hw11_tangent_lines.tex': [
    claim(D('x^3-4*x', 'x'), [["f'(x) &= 3x^2 - 4", '3*x^2 - 4']]),
    claim(D('x^3-4*x', 'x', { x: 2 }), [["f'(2) &= 8", '8']]),
    claim(D('x/(x^2+1)', 'x', { x: 0 }), [["g'(0) = 1", '1']]),
    claim(D('x/(x^2+1)', 'x', { x: 1 }), [["g'(1) = \\frac{1}{2}", '1/2']]),
    claim(D('x/(x^2+1)', 'x', { x: 2 }), [["g'(2) = -\\frac{3}{25}", '-3/25']]),
    claim(D('exp(2*t)*cos(t)', 't'), [["Then $h'(t) = e^{2t}(2\\cos t - \\sin t)$", 'exp(2*t)*(2*cos(t) - sin(t))']], { vars: { t: [-2, 2] } }),
    claim(D('exp(2*t)*cos(t)', 't', { t: 0 }), [["h'(0) = 2", '2']]),
  ],
  'hw12_logistic_regression.tex': (() => {
    const A = '1/(1+exp(-(w*x+b)))';
    const LF = `-(y*log(${A}) + (1-y)*log(1-${A}))`;
    const O = { vars: { w: [-1.5, 1.5], x: [-2, 2], b: [-1, 1], y: [0, 1], lam: [0, 1] }, derived: [['z', 'w*x+b'], ['p', '1/(1+exp(-z))']] };
    return [
      claim(D('-(y*log(p) + (1-y)*log(1-p))', 'p'), [['\\dLdp = \\frac{p - y}{p(1 - p)}', '(p-y)/(p*(1-p))']], O),
      claim(D(LF, 'w'), [
        ['\\frac{\\partial L}{\\partial w} &= \\dLdp', '(p-y)/(p*(1-p)) * p*(1-p) * x'],
        ['&= \\left(-\\frac{y}{p} + \\frac{1 - y}{1 - p}\\right) \\cdot p(1 - p) \\cdot x', '(-y/p + (1-y)/(1-p))*p*(1-p)*x'],
        ['&= \\left(-y(1 - p) + (1 - y)p\\right)x', '(-y*(1-p) + (1-y)*p)*x'],
        ['&= (p - y - 2yp)x', '(p - y - 2*y*p)*x'],
        ['&= (p - y)x', '(p-y)*x']], O),
      claim(D(LF, 'b'), [['\\frac{\\partial L}{\\partial b} = p - y', 'p - y']], O),
      claim(D(`${LF} + lam/2*w^2`, 'w'), [['\\frac{\\partial R}{\\partial w} = (p - y)x + \\lambda w', '(p-y)*x + lam*w']], O),
    ];
  })(),
  'hw13_exam_solutions.tex': (() => {
    const N = { vars: { w: [-1.5, 1.5], x: [-2, 2], b: [-1, 1], y: [-0.5, 1.5] }, derived: [['u', 'w*x+b'], ['s', '1/(1+exp(-u))']] };
    const JF = '(1/(1+exp(-(w*x+b))) - y)^2';
    return [
      claim(D('x^4-3*x^2+2', 'x'), [['\\frac{d}{dx}\\left(x^4 - 3x^2 + 2\\right)', '4*x^3 - 6*x']]),
      claim(D('x/exp(x)', 'x'), [['\\frac{d}{dx}\\left(\\frac{x}{e^{x}}\\right)', '(1-x)/exp(x)']]),
      claim(D('cos(x^2+1)', 'x'), [['\\frac{d}{dx}\\left(\\cos(x^2 + 1)\\right)', '-2*x*sin(x^2+1)']]),
      claim(D('log(x)/x', 'x'), [
        ['\\frac{d}{dx}\\left(\\frac{\\ln x}{x}\\right) &=', '((1/x)*x - log(x))/x^2'],
        ['&= \\frac{1 - \\ln x}{x^2}', '(1 - log(x))/x^2']]),
      claim(D('(s-y)^2', 's'), [['\\dd{s} &= 2(s - y)', '2*(s-y)']], N),
      claim(D('(1/(1+exp(-u)) - y)^2', 'u'), [['\\dd{u} &= 2(s - y)\\, s(1 - s)', '2*(s-y)*s*(1-s)']], N),
      claim(D(JF, 'w'), [['\\dd{w} &= 2(s - y)\\, s(1 - s)\\, x', '2*(s-y)*s*(1-s)*x']], N),
      claim(D(JF, 'b'), [['\\dd{b} &= 2(s - y)\\, s(1 - s)', '2*(s-y)*s*(1-s)']], N),
    ];
  })(),
  'hw14_power_rule_drills.tex': [
    claim(D('x^(3/2)', 'x'), [
      ['\\frac{d}{dx}\\left(x^{3/2}\\right) &= \\frac{2}{3}x^{1/2}', '2/3*x^(1/2)'],
      ['&= \\frac{2}{3}\\sqrt{x}', '2/3*sqrt(x)']]),
    claim(D('x^(-1/3)', 'x'), [['\\frac{d}{dx}\\left(x^{-1/3}\\right)', '-1/3*x^(-4/3)']]),
    claim(D('(x^2+1)*(x^3-x)', 'x'), [
      ['\\frac{d}{dx}\\left((x^2 + 1)(x^3 - x)\\right) &=', '2*x*(x^3-x) + (x^2+1)*(3*x^2-1)'],
      ['&= 2x^4 - 2x^2 + 3x^4 + 2x^2 - 1', '2*x^4 - 2*x^2 + 3*x^4 + 2*x^2 - 1'],
      ['&= 5x^4 - 1', '5*x^4 - 1']]),
    claim(D('x^2/(x+1)', 'x'), [
      ['\\frac{d}{dx}\\left(\\frac{x^2}{x + 1}\\right) &=', '(2*x*(x+1) - x^2)/(x+1)^2'],
      ['&= \\frac{2x^2 + 2x - x^2}{(x + 1)^2}', '(2*x^2 + 2*x - x^2)/(x+1)^2'],
      ['&= \\frac{x^2 + 2x}{(x + 1)^2}', '(x^2 + 2*x)/(x+1)^2'],
      ['&= \\frac{x(x + 2)}{x + 1}', 'x*(x+2)/(x+1)'],
      ['&= 1 - \\frac{1}{(x + 1)^2}', '1 - 1/(x+1)^2']]),
    claim(D('5*x^4-2*x^3+x-9', 'x'), [["$P'(x) = 20x^3 - 6x^2 + 1$", '20*x^3 - 6*x^2 + 1']]),
    claim(D('5*x^4-2*x^3+x-9', 'x', { x: 1 }), [["$P'(1) = 16$", '16']]),
  ],
  'notes01_chain_rule.md': [
    claim(D('sin(3*x^2)', 'x'), [['\\frac{d}{dx}\\left(\\sin(3x^2)\\right) = 6x\\cos(3x^2)', '6*x*cos(3*x^2)']]),
    claim(D('exp(4*x)', 'x'), [['$\\frac{d}{dx}\\left(e^{4x}\\right) = 4e^{4x}$', '4*exp(4*x)']]),
    claim(D('(x^2+1)^3', 'x'), [
      ['\\frac{d}{dx}\\left((x^2 + 1)^3\\right) = 3(x^2 + 1)^2 \\cdot 2x', '3*(x^2+1)^2*2*x'],
      ['= 6x(x^2 + 1)^2', '6*x*(x^2+1)^2'],
      ['= 6x^5 + 12x^3 + 6x', '6*x^5 + 12*x^3 + 6*x']]),
    claim(D('log(x^2+5)', 'x', { x: 2 }), [["g'(2) = \\frac{4}{9}", '4/9']]),
    claim(D('cos(sqrt(x))', 'x'), [['\\frac{d}{dx}\\left(\\cos(\\sqrt{x})\\right)', '-sin(sqrt(x))/(2*sqrt(x))']]),
  ],
  'notes02_backprop.md': [
    claim(D('0.5*(y-a)^2', 'a'), [['dL/da = a - y', 'a - y']], NEURON),
    claim(D('1/(1+exp(-z))', 'z'), [['da/dz = a*(1 - a)', 'a*(1-a)']], NEURON),
    claim(D('0.5*(y - 1/(1+exp(-z)))^2', 'z'), [['dL/dz = (a - y)*a*(1 - a)', '(a-y)*a*(1-a)']], NEURON),
    claim(D(LW, 'w'), [['dL/dw = (a - y)*a*(1 - a)*x', '(a-y)*a*(1-a)*x']], NEURON),
    claim(D(LW, 'b'), [['dL/db = (a - y)*a*(1 - a)*x', '(a-y)*a*(1-a)*x']], NEURON),
    claim(D(LW, 'w'), [['\\frac{\\partial L}{\\partial w} = (a - y)\\,\\sigma(z)', '(a-y)*sig(z)*(1-sig(z))*x']], NEURON),
    claim(D(LW, 'x'), [['\\frac{\\partial L}{\\partial x} = (a - y)\\,a(1 - a)\\,w', '(a-y)*a*(1-a)*w']], NEURON),
  ],
  'notes03_gradient_descent.md': [
    claim(D('(w-2)^2', 'w'), [['df/dw = 2*(w - 2)', '2*(w-2)']], { vars: { w: [-3, 5] } }),
    claim(D('(w-2)^2', 'w', { w: 4 }), [["$f'(4) = 4$", '4']]),
    claim(D('(w-2)^2', 'w', { w: 3 }), [["$f'(3) = 1$", '1']]),
    claim(D('w^4/4-w^2', 'w'), [['dg/dw = w^3 - 2*w', 'w^3 - 2*w']], { vars: { w: [-2, 2] } }),
    claim(D('w^4/4-w^2', 'w'), [['dg/dw = w^3 - w', 'w^3 - w']], { vars: { w: [-2, 2] } }),
  ],
  'notes04_softmax.md': (() => {
    const P = 'exp(z)/(exp(z)+1)';
    const O = { vars: { z: [-2, 2] }, derived: [['p', P]] };
    const S = 'exp(u)/(exp(u)+exp(v)+exp(r))';
    const T = { vars: { u: [-2, 2], v: [-2, 2], r: [-2, 2] }, derived: [['s', S]] };
    return [
      claim(D(`-log(${P})`, 'z'), [
        ['\\frac{\\partial L}{\\partial z} &= -\\frac{1}{p} \\cdot \\frac{\\partial p}{\\partial z}', '-1/p * p*(1-p)'],
        ['&= -\\frac{1}{p} \\cdot p(1 - p)', '-1/p * p*(1-p)'],
        ['&= p - 1', 'p - 1']], O),
      claim(D(`-log(${P})`, 'z'), [['$\\frac{\\partial L}{\\partial z} = 1 - p$', '1 - p']], O),
      claim(D(`-log(${S})`, 'u'), [['dC/du = s - 1', 's - 1']], T),
      claim(D(`-log(${S})`, 'v'), [['dC/dv = exp(v)/', 'exp(v)/(exp(u)+exp(v)+exp(r))']], T),
      claim(D(`-log(${S})`, 'r'), [['dC/dr = s', 's']], T),
    ];
  })(),
  'notes05_quiz.md': [
    claim(D('x^2*log(x)', 'x'), [
      ['\\frac{d}{dx}\\left(x^2 \\ln x\\right) = 2x\\ln x + x^2 \\cdot \\frac{1}{x}', '2*x*log(x) + x^2/x'],
      ['= 2x\\ln x + 1', '2*x*log(x) + 1'],
      ['= x(2\\ln x + 1)', 'x*(2*log(x) + 1)']]),
    claim(D('sin(x)/x^2', 'x'), [['\\frac{d}{dx}\\left(\\frac{\\sin x}{x^2}\\right)', '(x*cos(x) - 2*sin(x))/x^3']]),
    claim(D('t^2*exp(-t)', 't'), [["u'(t) = (2t - t^2)e^{-t}", '(2*t - t^2)*exp(-t)']], { vars: { t: [-2, 3] } }),
    claim(D('t^2*exp(-t)', 't', { t: 1 }), [["u'(1) = e^{-1}", 'exp(-1)']]),
    claim(D('1/(1+x^2)', 'x'), [['\\frac{d}{dx}\\left(\\frac{1}{1 + x^2}\\right)', '-2*x/(1+x^2)^2']]),
  ],
  'notes06_trig_exp.md': [
    claim(D('exp(x)*sin(x)', 'x'), [
      ['\\frac{d}{dx}\\left(e^{x}\\sin x\\right) &=', 'exp(x)*sin(x) + exp(x)*cos(x)'],
      ['&= e^{x}(\\sin x + \\cos x)', 'exp(x)*(sin(x) + cos(x))'],
      ['&= \\sqrt{2}\\,e^{x}\\sin\\left(x + \\frac{\\pi}{4}\\right)', 'sqrt(2)*exp(x)*sin(x + pi/4)']]),
    claim(D('cos(x)^2 - sin(x)^2', 'x'), [['\\frac{d}{dx}\\left(\\cos^2 x - \\sin^2 x\\right)', '-4*sin(x)*cos(x)']]),
    claim(D('1/(1+exp(-x))', 'x'), [['\\frac{d}{dx}\\left(\\frac{1}{1 + e^{-x}}\\right)', 'exp(-x)/(1+exp(-x))']]),
    claim(D('sin(x)^2*cos(x)', 'x'), [['df/dx = 2*sin(x)*cos(x)^2 - sin(x)^3', '2*sin(x)*cos(x)^2 - sin(x)^3']]),
  ],
  'nb01_derivatives.ipynb': [
    { cell: 3, ...claim(D('x^3*cos(x)', 'x'), [["f'(x) = 3x^2\\cos x - x^3\\sin x", '3*x^2*cos(x) - x^3*sin(x)']]) },
    { cell: 5, ...claim(D('x/sqrt(x^2+1)', 'x'), [
      ['\\frac{d}{dx}\\left(\\frac{x}{\\sqrt{x^2 + 1}}\\right) &=', '(sqrt(x^2+1) - x*x/sqrt(x^2+1))/(x^2+1)'],
      ['&= \\frac{(x^2 + 1) - x^2}{(x^2 + 1)^{3/2}}', '((x^2+1) - x^2)/(x^2+1)^(3/2)'],
      ['&= \\frac{1}{(x^2 + 1)^{1/2}}', '1/(x^2+1)^(1/2)']]) },
    { cell: 6, ...claim(D('x^3*cos(x)', 'x', { x: 0 }), [["$f'(0) = 0$", '0']]) },
    { cell: 6, ...claim(D('exp(2*x)*log(x)', 'x', { x: 1 }), [["g'(1) = e^{2}", 'e^2']]) },
  ],
  'nb02_neuron.ipynb': (() => {
    const L2 = '0.5*(1/(1+exp(-(w*x+b))) - y)^2';
    const H = { vars: { w1: [-1.5, 1.5], w2: [-1.5, 1.5], x: [-2, 2], y: [-1, 1] }, derived: [['h', '1/(1+exp(-w1*x))'], ['o', 'w2*h']] };
    const EF = '0.5*(w2/(1+exp(-w1*x)) - y)^2';
    return [
      { cell: 4, ...claim(D('0.5*(a-y)^2', 'a'), [['\\frac{\\partial L}{\\partial a} = a - y', 'a - y']], NEURON) },
      { cell: 4, ...claim(D('1/(1+exp(-z))', 'z'), [['\\frac{\\partial a}{\\partial z} = \\sigma(z)', 'sig(z)*(1-sig(z))']], NEURON) },
      { cell: 4, ...claim(D(L2, 'w'), [['\\frac{\\partial L}{\\partial w} = (a - y)\\, a(1 - a)\\, x', '(a-y)*a*(1-a)*x']], NEURON) },
      { cell: 4, ...claim(D(L2, 'b'), [['\\frac{\\partial L}{\\partial b} = (a - y)\\, a(1 - a)', '(a-y)*a*(1-a)']], NEURON) },
      { cell: 6, ...claim(D(EF, 'w2'), [['\\frac{\\partial E}{\\partial w_2} = (o - y)\\,h', '(o-y)*h']], H) },
      { cell: 6, ...claim(D('0.5*(w2*h-y)^2', 'h'), [['\\frac{\\partial E}{\\partial h} = (o - y)\\,w_2', '(o-y)*w2']], H) },
      { cell: 6, ...claim(D(EF, 'w1'), [['\\frac{\\partial E}{\\partial w_1} = (o - y)\\,w_2\\,h(1 - h)', '(o-y)*w2*h*(1-h)']], H) },
    ];
  })(),
  'nb03_gd_softmax.ipynb': (() => {
    const Q = 'exp(s)/(exp(s)+exp(t))';
    const O = { vars: { s: [-2, 2], t: [-2, 2] }, derived: [['q', Q]] };
    return [
      { cell: 2, ...claim(D('th^2-4*th+5', 'th'), [["J'(\\theta) = 2\\theta - 4", '2*th - 4']], { vars: { th: [-3, 3] } }) },
      { cell: 4, ...claim(D('th^2-4*th+5', 'th', { th: 0.2 }), [["$J'(0.2) = -3.6$", '-3.6']]) },
      { cell: 4, ...claim(D('th^2-4*th+5', 'th', { th: 1 }), [["$J'(1) = -1$", '-1']]) },
      { cell: 5, ...claim(D(`-log(${Q})`, 's'), [['dC/ds = q - 1', 'q - 1']], O) },
      { cell: 5, ...claim(D(`-log(${Q})`, 't'), [['dC/dt = 1 - q', '1 - q']], O) },
      { cell: 5, ...claim(D(Q, 't'), [
        ['\\frac{\\partial q}{\\partial t} = -\\frac{e^{s}e^{t}}{(e^{s} + e^{t})^2}', '-exp(s)*exp(t)/(exp(s)+exp(t))^2'],
        ['= -q(1 - q)', '-q*(1-q)'],
        ['= q^2 - q', 'q^2 - q']], O) },
      { cell: 5, ...claim(D('-log(q)', 'q'), [['\\frac{\\partial C}{\\partial q} = \\frac{1}{q}', '1/q']], O) },
    ];
  })(),
};

// ---------- evaluation ----------
let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const close = (p, q) => Number.isFinite(p) && Number.isFinite(q) && Math.abs(p - q) <= 1e-7 * Math.max(1, Math.abs(p), Math.abs(q));

function verdict(c) {
  const vals = Array.from({ length: 6 }, () => {
    const s = { sig, e: Math.E, pi: Math.PI };
    for (const [k, [lo, hi]] of Object.entries(c.vars || X)) s[k] = lo + (hi - lo) * rand();
    for (const [k, ex] of c.derived || []) s[k] = math.evaluate(ex, s);
    const v = [c.target(s), ...c.rows.map(([, r]) => r(s))].map(Number);
    if (v.some((t) => !Number.isFinite(t))) throw new Error('non-finite value: ' + c.rows[0][0]);
    return v;
  });
  for (let i = 1; i <= c.rows.length; i++) if (!vals.every((v) => close(v[i - 1], v[i]))) return i - 1; // index of first wrong row
  return -1;
}

const out = [];
for (const [file, claims] of Object.entries(spec)) {
  const text = fs.readFileSync(path.join(here, file), 'utf8');
  const cells = file.endsWith('.ipynb') ? JSON.parse(text).cells.map((c) => [].concat(c.source).join('')) : null;
  const lineOf = (anchor, cell) => {
    const lines = (cells ? cells[cell - 1] : text).split('\n');
    const hits = lines.map((l, i) => (l.includes(anchor) ? i + 1 : 0)).filter(Boolean);
    if (hits.length !== 1) throw new Error(`${file}${cell ? ' cell ' + cell : ''}: anchor ${JSON.stringify(anchor)} found ${hits.length} times`);
    return hits[0];
  };
  const res = claims.map((c) => {
    const wrong = verdict(c);
    const start = lineOf(c.rows[0][0], c.cell);
    const e = c.cell ? { cell: c.cell } : {};
    if (wrong < 0) return { ...e, line: start, verdict: 'correct' };
    const r = { ...e, line: lineOf(c.rows[wrong][0], c.cell), verdict: 'incorrect' };
    const rowLines = new Set(c.rows.map(([a]) => lineOf(a, c.cell)));
    if (rowLines.size > 1) r.startLine = start; // multi-row derivation
    return r;
  });
  res.sort((p, q) => (p.cell || 0) - (q.cell || 0) || p.line - q.line);
  out.push({ file, claims: res });
}
out.sort((p, q) => p.file.localeCompare(q.file));
fs.writeFileSync(path.join(here, 'expected.json'), JSON.stringify(out, null, 2) + '\n');
const n = out.reduce((s, f) => s + f.claims.length, 0);
const bad = out.reduce((s, f) => s + f.claims.filter((c) => c.verdict === 'incorrect').length, 0);
console.log(`${out.length} files, ${n} claims, ${bad} incorrect`);
