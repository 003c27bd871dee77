/**
 * Lists built by grammar rules in constant time per item. nearley's `:*` and `:+` copy the whole list for every item
 * (quadratic: a 10,000-argument call took seconds), and an Earley parser may extend one partial list in several ways,
 * so the list cannot be pushed to in place either: it is a persistent chain of cells, read out once when complete.
 */

/** A list as a chain from its last item back to its first (undefined is the empty list). */
export interface Cell<T> {
  readonly before: Cell<T> | undefined;
  readonly item: T;
}

/** The list with one more item at its end. */
export function cons<T>(before: Cell<T> | undefined, item: T): Cell<T> {
  return { before, item };
}

/** The items of a list, first to last. */
export function itemsOf<T>(list: Cell<T> | undefined): T[] {
  const items: T[] = [];
  for (let cell = list; cell; cell = cell.before) items.push(cell.item);
  return items.reverse();
}

/**
 * The object with `key` standing for the items of a list, read out the first time it is read. A rule that ends in a
 * list completes once for every prefix of it (`d/dx x = 1 = 1 = …` completes a line at every =), and only the last
 * is kept: reading out each would be quadratic.
 */
export function withItems<T extends object, K extends string, I>(object: T, key: K, list: Cell<I> | undefined): T & { readonly [P in K]: readonly I[] } {
  let items: I[] | undefined;
  return Object.defineProperty(object, key, { get: () => (items ??= itemsOf(list)), enumerable: true, configurable: true }) as T & { readonly [P in K]: readonly I[] };
}
