// What a server has in flight (requests, upgraded streams), so its dispose can stop them. Not a
// Set: V8 keeps a Set's or Map's outgrown hash table with the entries it held and a link to the
// table that replaced it, for iterators still on it (v8/src/objects/ordered-hash-table.h, the
// obsolete table's "next table"). A long-lived Set whose entries change with every request
// replaces its table every few dozen requests; once one of those tables is in the old generation,
// a scavenge takes it for alive, so the next table and every request it holds survive too, and
// the next, for the rest of the process: each request's objects were promoted to the old
// generation, ~5 KB a request on the proxy (docs/proxy.md, Memory). A linked list whose removed
// nodes forget their neighbours and their item holds nothing of a finished request.

interface Node<T> {
  item: T | undefined;
  prev: Node<T> | undefined;
  next: Node<T> | undefined;
}

export class InFlightList<T extends { destroy(): void }> {
  #head: Node<T> | undefined;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds `item`; the function returned removes it (again: nothing). */
  add(item: T): () => void {
    const node: Node<T> = { item, prev: undefined, next: this.#head };
    if (this.#head !== undefined) this.#head.prev = node;
    this.#head = node;
    this.#size++;
    return () => this.#remove(node);
  }

  /** Destroys every item (each removing itself, or not) and empties the list. */
  destroyAll(): void {
    const items: T[] = [];
    for (let n = this.#head; n !== undefined; n = n.next) items.push(n.item!);
    while (this.#head !== undefined) this.#remove(this.#head);
    for (const item of items) item.destroy();
  }

  #remove(node: Node<T>): void {
    if (node.item === undefined) return;
    if (node.prev !== undefined) node.prev.next = node.next;
    else this.#head = node.next;
    if (node.next !== undefined) node.next.prev = node.prev;
    node.item = node.prev = node.next = undefined;
    this.#size--;
  }
}
