import type { ApiError } from '$lib/api.ts';
import { fieldErrorsFrom, type FieldErrors } from '$lib/form-errors.ts';

/** A form's problems after a failed save: the summary's message, and messages per field. */
export interface FormProblems {
  message: string;
  fields: FieldErrors;
}

/**
 * Turns an API error into what a form shows. Unknown skills name the field they came from
 * (`skills` or `stretchSkills`), so the rows at fault can be marked.
 */
export function problemsFrom(error: ApiError, skillsField = 'skills'): FormProblems {
  if (error.code === 'unknown_skill')
    return { message: error.message, fields: { [skillsField]: error.message } };
  return { message: error.message, fields: fieldErrorsFrom(error) };
}

/** The names an `unknown_skill` error lists, or none. */
export function unknownSkillsFrom(error: ApiError | null): string[] {
  if (error?.code !== 'unknown_skill') return [];
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('unknown' in details)) return [];
  const { unknown } = details;
  return Array.isArray(unknown) ? unknown.filter((name): name is string => typeof name === 'string') : [];
}

/** The error summary's links, in page order: only fields that have a problem and a control to go to. */
export function summaryItems(fields: FieldErrors, order: [field: string, id: string][]) {
  return order.flatMap(([field, id]) => {
    const message = fields[field];
    return message ? [{ id, message }] : [];
  });
}
