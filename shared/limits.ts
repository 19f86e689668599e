/** Size limits both ends agree on. The server enforces them; the web client uses them to warn early. */

/** Largest JSON request body the API accepts. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/** Largest single y-websocket frame (sync step 2 of a big brief fits comfortably). */
export const MAX_YJS_MESSAGE_BYTES = 2 * 1024 * 1024;

/** Largest Socket.IO packet; chat messages are far smaller, this only stops abuse. */
export const MAX_SOCKET_PACKET_BYTES = 64 * 1024;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
export const NAME_MAX_LENGTH = 100;

/**
 * Frames one Yjs connection may send: a burst, then a steady rate. Typing with cursors and presence
 * stays far below. Past it the server stops reading the socket (TCP pushes back on the client) and
 * takes the waiting frames at the steady rate, in order; only a connection that piles up more than
 * YJS_HELD_FRAMES_MAX frames or YJS_HELD_BYTES_MAX bytes meanwhile is closed
 * (YJS_CLOSE.tooManyMessages — y-websocket clients treat 44xx as final and do not reconnect).
 */
export const YJS_FRAME_BURST = 2000;
export const YJS_FRAMES_PER_SECOND = 1000;
export const YJS_HELD_FRAMES_MAX = 20_000;
export const YJS_HELD_BYTES_MAX = 16 * 1024 * 1024;
/**
 * Sync requests (sync step 1) one connection may send: one on connect, then one after each pause in
 * typing (the "saved" check) — each asks the server for a document diff, so they have their own budget.
 */
export const YJS_SYNC_REQUEST_BURST = 20;
export const YJS_SYNC_REQUESTS_PER_SECOND = 3;
/** Unsent bytes a Yjs socket may pile up (a client that stopped reading) before it is closed. */
export const YJS_SEND_BUFFER_LIMIT_BYTES = 32 * 1024 * 1024;
/** The highest awareness clock accepted: honest clients count up by one per change. */
export const MAX_AWARENESS_CLOCK = 2 ** 32;
