/**
 * The best `size` entries seen so far, kept sorted (score high to low, then id): ranking 20,000
 * candidates keeps a few dozen, never sorting the rest.
 */
export class TopList<T> {
  private readonly entries: { score: number; id: string; value: T }[] = [];

  constructor(private readonly size: number) {}

  /** Would an entry with this score get in? Lets callers skip building values that would not. */
  admits(score: number): boolean {
    return (
      this.size > 0 &&
      (this.entries.length < this.size || score > (this.entries[this.entries.length - 1]?.score ?? -Infinity))
    );
  }

  add(score: number, id: string, value: T): void {
    if (this.size <= 0) return;
    const last = this.entries[this.entries.length - 1];
    if (
      this.entries.length >= this.size &&
      last &&
      (score < last.score || (score === last.score && id > last.id))
    )
      return;
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const entry = this.entries[middle];
      if (entry && (entry.score > score || (entry.score === score && entry.id < id))) low = middle + 1;
      else high = middle;
    }
    this.entries.splice(low, 0, { score, id, value });
    if (this.entries.length > this.size) this.entries.pop();
  }

  values(): T[] {
    return this.entries.map((entry) => entry.value);
  }
}
