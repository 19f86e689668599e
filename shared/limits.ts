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
