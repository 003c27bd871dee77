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
