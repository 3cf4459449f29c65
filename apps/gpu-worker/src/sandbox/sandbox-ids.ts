/** A uid and gid a box runs as. */
export interface SandboxId {
  uid: number;
  gid: number;
}

/**
 * The ids a root worker's boxes run as, one box per id at a time (see SANDBOX_UID_BASE): a box
 * takes a free id, or waits for one, and gives it back when it has ended. Every process of a box
 * is dead by then (the box's pid namespace ends with it), so the next box starts with the
 * id's process count at zero.
 */
export class SandboxIds {
  private readonly free: number[];
  private readonly waiting: ((id: number) => void)[] = [];

  constructor(
    readonly first: number,
    readonly count: number,
  ) {
    this.free = Array.from({ length: count }, (_, i) => first + i);
  }

  /** Runs `use` under an id of its own, released whatever `use` does. */
  async with<T>(use: (id: SandboxId) => Promise<T>): Promise<T> {
    const id = this.free.shift() ?? (await new Promise<number>((resolve) => this.waiting.push(resolve)));
    try {
      return await use({ uid: id, gid: id });
    } finally {
      const next = this.waiting.shift();
      if (next) next(id);
      else this.free.push(id);
    }
  }

  /** Every id of the range, for an operator's description and the tests' checks. */
  all(): number[] {
    return Array.from({ length: this.count }, (_, i) => this.first + i);
  }
}
