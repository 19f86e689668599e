import { DELIVERABLE_TYPES, MAX_DELIVERABLE_BYTES } from '$shared/schemas/portfolio.ts';

/**
 * What the browser can tell about a file before sending it (its name and size); the server checks
 * again, and also reads its first bytes.
 */
export function fileProblem(file: File): string | null {
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  if (!file.name.includes('.') || !Object.hasOwn(DELIVERABLE_TYPES, extension)) {
    return `Files of type “.${extension || '?'}” cannot be attached.`;
  }
  if (file.size > MAX_DELIVERABLE_BYTES) {
    return `A file can be at most ${MAX_DELIVERABLE_BYTES / 1024 / 1024} MiB.`;
  }
  return null;
}
