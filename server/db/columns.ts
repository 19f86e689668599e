import { customType } from 'drizzle-orm/pg-core';

/**
 * `bytea` as a Node Buffer / Uint8Array on both drivers. node-postgres hands back a Buffer;
 * PGlite hands back a Uint8Array. Both are Uint8Array, which is all Yjs needs.
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return 'bytea';
  },
  toDriver(value) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  },
  fromDriver(value) {
    return value instanceof Uint8Array ? value : new Uint8Array(value);
  },
});

/** PostgreSQL full-text search vector; only ever written by a generated column. */
export const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector';
  },
});
