import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Deliverable files on disk, named by the sha256 of their bytes (`DATA_DIR/deliverables/<sha256>`).
 * Uploads land in `tmp/` beside them first and are renamed in, so a file is either whole or absent;
 * the same bytes uploaded twice are stored once.
 */
export class BlobStore {
  readonly tempDir: string;

  constructor(readonly root: string) {
    this.tempDir = path.join(root, 'tmp');
  }

  static forDataDir(dataDir: string): BlobStore {
    return new BlobStore(path.resolve(dataDir, 'deliverables'));
  }

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, sha256);
  }

  async ensure(): Promise<void> {
    await mkdir(this.tempDir, { recursive: true });
  }

  /** Moves a finished upload into place (replacing an identical copy is harmless). */
  async commit(tempPath: string, sha256: string): Promise<void> {
    await rename(tempPath, this.pathOf(sha256));
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }
}
