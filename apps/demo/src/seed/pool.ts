import type { Random } from './random.ts';

/** A set of records with O(1) add, remove and random pick, for choosing what the history touches. */
export class Pool<T extends { _id: string }> {
  readonly #items: T[] = [];
  readonly #index = new Map<string, number>();

  get size(): number {
    return this.#items.length;
  }

  add(item: T): void {
    if (this.#index.has(item._id)) return;
    this.#index.set(item._id, this.#items.length);
    this.#items.push(item);
  }

  remove(item: T): void {
    const at = this.#index.get(item._id);
    if (at === undefined) return;
    const last = this.#items.pop() as T;
    this.#index.delete(item._id);
    if (last._id !== item._id) {
      this.#items[at] = last;
      this.#index.set(last._id, at);
    }
  }

  pick(random: Random): T | undefined {
    return this.#items.length === 0 ? undefined : random.pick(this.#items);
  }
}
