import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Reads a PDF back with poppler's `pdfinfo` (poppler-utils, installed by .ci/run): the document
 * information, the link annotations' URLs and the tagged structure with its text.
 */
export async function pdfInfo(bytes: Uint8Array) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stint-pdfinfo-'));
  const file = path.join(dir, 'document.pdf');
  try {
    await writeFile(file, bytes);
    const [info, urls, structure] = await Promise.all(
      [[], ['-url'], ['-struct-text']].map(async (flags) => (await run('pdfinfo', [...flags, file])).stdout),
    );
    const fields = new Map(
      info!.split('\n').flatMap((line) => {
        const match = /^([^:]+):\s*(.*)$/.exec(line);
        return match ? [[match[1]!.trim(), match[2]!.trim()] as const] : [];
      }),
    );
    const links = urls!
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/).slice(2).join(' '))
      .filter(Boolean);
    // The catalog is not compressed by pdfkit, so its /Lang entry is readable as it is.
    const language = /\/Lang \(([^)]*)\)/.exec(Buffer.from(bytes).toString('latin1'))?.[1] ?? null;
    return { fields, links, structure: structure!, language };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
