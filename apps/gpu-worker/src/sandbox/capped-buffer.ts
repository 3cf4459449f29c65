/** Keeps the first `cap` bytes of a stream and counts how many came in all. */
export class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  overflowed = false;
  total = 0;

  constructor(private cap: number) {}

  /** A new cap, from now on (a box's output cap is known only when its run is). */
  setCap(cap: number): void {
    this.cap = cap;
  }

  push(chunk: Buffer): void {
    this.total += chunk.length;
    const room = this.cap - this.size;
    if (chunk.length > room) this.overflowed = true;
    if (room <= 0) return;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(kept);
    this.size += kept.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
