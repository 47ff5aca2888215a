/**
 * The items of an append-only list grouped by a key, so a fake's lookups do not scan every item it ever stored. Only
 * what was appended since the last lookup is indexed; a list that was replaced or shrank is indexed afresh.
 */
export class ListIndex<T> {
  private list: T[] | undefined;
  private seen = 0;
  private groups = new Map<string, T[]>();

  constructor(private readonly keyOf: (item: T) => string | undefined) {}

  /** The items of `list` whose key is `key`, in list order. */
  get(list: T[], key: string): T[] {
    if (list !== this.list || list.length < this.seen) {
      this.list = list;
      this.seen = 0;
      this.groups = new Map();
    }
    for (; this.seen < list.length; this.seen++) {
      const item = list[this.seen]!;
      const k = this.keyOf(item);
      if (k === undefined) continue;
      const group = this.groups.get(k);
      if (group) group.push(item);
      else this.groups.set(k, [item]);
    }
    return this.groups.get(key) ?? [];
  }
}
