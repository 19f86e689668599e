import { renderPortfolioPdf, type PdfOptions } from '../pdf.ts';
import { verifyCredentialOffline, type OfflineVerification } from '../credentials/sign.ts';

/** The CPU-heavy record work, run in a worker thread so the event loop keeps answering. */
export type RecordTask =
  { kind: 'pdf'; options: PdfOptions } | { kind: 'verify'; credential: Record<string, unknown> };

export async function runRecordTask(task: RecordTask): Promise<Uint8Array | OfflineVerification> {
  switch (task.kind) {
    case 'pdf':
      return renderPortfolioPdf(task.options);
    case 'verify':
      return verifyCredentialOffline(task.credential);
  }
}
