/** The order a careful person writes terms and factors in: x before y, x² before x, numbers last. */
import type { Graph, NodeId } from '../graph/graph.js';

interface Key {
  /** Factor rank: numbers, named constants, variables and their powers, functions, sums. */
  readonly rank: number;
  /** Polynomial degree, for ordering terms (functions count as degree 1). */
  readonly degree: number;
  /** Alphabetically first variable (or function) name, for ties. */
  readonly name: string;
}

/** Sort keys for display, memoised per node. */
export class DisplayOrder {
  private readonly keys = new Map<NodeId, Key>();

  constructor(private readonly graph: Graph) {}

  /** Factors of a product: 2·π·x·y²·sin(x)·(x + 1); 0 when only their text can tell them apart. */
  compareFactors = (a: NodeId, b: NodeId): number => {
    const ka = this.key(a);
    const kb = this.key(b);
    return ka.rank - kb.rank || compareNames(ka.name, kb.name);
  };

  /** Terms of a sum: higher degree first, then alphabetically, numbers last; 0 when only their text can tell them apart. */
  compareTerms = (a: NodeId, b: NodeId): number => {
    const ka = this.key(a);
    const kb = this.key(b);
    const constantA = ka.rank === 0 ? 1 : 0;
    const constantB = kb.rank === 0 ? 1 : 0;
    return constantA - constantB || kb.degree - ka.degree || compareNames(ka.name, kb.name);
  };

  private key(id: NodeId): Key {
    const known = this.keys.get(id);
    if (known) return known;
    const node = this.graph.node(id);
    const inputs = node.inputs.map((input) => this.key(input));
    const firstName = inputs.map((k) => k.name).filter((n) => n !== '').sort(compareNames)[0] ?? '';
    let key: Key;
    switch (node.op) {
      case 'const':
        key = { rank: 0, degree: 0, name: '' };
        break;
      case 'pi':
      case 'e':
        key = { rank: 1, degree: 0, name: '' };
        break;
      case 'var':
        key = { rank: 2, degree: 1, name: node.name! };
        break;
      case 'mul': {
        const factors = inputs.filter((k) => k.rank !== 0);
        key = { rank: Math.max(...factors.map((k) => k.rank), 0), degree: inputs.reduce((sum, k) => sum + k.degree, 0), name: firstName };
        break;
      }
      case 'add':
        key = { rank: 4, degree: Math.max(...inputs.map((k) => k.degree)), name: firstName };
        break;
      case 'pow': {
        const [base, exponent] = inputs as [Key, Key];
        const exponentNode = this.graph.node(node.inputs[1]!);
        const power = exponentNode.op === 'const' ? Number(exponentNode.value!.valueOf()) : 1;
        key = { rank: base.rank === 0 ? 1 : base.rank, degree: base.degree * power + (exponent.degree > 0 ? 1 : 0), name: base.name };
        break;
      }
      default: {
        const constant = inputs.every((k) => k.rank <= 1);
        key = { rank: 3, degree: constant ? 0 : 1, name: firstName };
      }
    }
    this.keys.set(id, key);
    return key;
  }
}

function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const [la, lb] = [a.toLowerCase(), b.toLowerCase()];
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : 1;
}
