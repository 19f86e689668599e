import type { ApiError } from './api.ts';

/** Field name → message, from a `validation_failed` error's `details.issues: [{path, message}]`. */
export type FieldErrors = Partial<Record<string, string>>;

export function fieldErrorsFrom(error: ApiError): FieldErrors {
  const errors: FieldErrors = {};
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('issues' in details)) return errors;
  const { issues } = details;
  if (!Array.isArray(issues)) return errors;
  for (const issue of issues as unknown[]) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof path !== 'string' || typeof message !== 'string') continue;
    // The first problem with a field is the one worth fixing first.
    const field = path.split('.')[0] ?? '';
    errors[field] ??= message;
  }
  return errors;
}

/** Ids for a field's hint and error, joined for aria-describedby (undefined when there are none). */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  return present.length > 0 ? present.join(' ') : undefined;
}

/**
 * After a failed submit: focus the first invalid control in the form, or the error summary when
 * the problem is not about one field (wrong password, rate limit, network).
 */
export function focusFirstProblem(form: HTMLFormElement | undefined, summary: HTMLElement | undefined): void {
  const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid]');
  (invalid ?? summary)?.focus();
}
