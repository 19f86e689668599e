/**
 * Group commit: one write in flight at a time, and everything that arrives meanwhile goes into the
 * next one, up to `maxBatch` items. The update log and the chat log both store this way, so a busy
 * moment costs a few statements instead of one per item. `write` owns each batch's outcome (it
 * settles every item's promise, and must not throw); this class only decides what goes together.
 */
export class GroupCommit<Item> {
  private pending: Item[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly maxBatch: number,
    private readonly write: (batch: Item[]) => Promise<void>,
  ) {}

  add(item: Item): void {
    this.pending.push(item);
    this.writing ??= this.writeAll();
  }

  /** Resolves when nothing is waiting to be written. */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async writeAll(): Promise<void> {
    try {
      while (this.pending.length > 0) await this.write(this.pending.splice(0, this.maxBatch));
    } finally {
      this.writing = null;
    }
  }
}
