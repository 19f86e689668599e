/**
 * The error shape every API response and socket acknowledgement uses:
 * `{"error":{"code":"…","message":"…"}}`. Codes are stable; messages are for people.
 */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'validation_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'forbidden'
  | 'foreign_origin'
  | 'not_found'
  | 'email_taken'
  | 'conflict'
  | 'too_many_requests'
  | 'internal_error'
  | (string & {});

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export interface ListResponse<T> {
  items: T[];
  next: string | null;
}
