/**
 * Moved to server/errors.ts (every layer throws AppError, so it is not the services'). This
 * re-export only keeps branches written before the move compiling; import '../errors.ts' instead.
 */
export * from '../errors.ts';
