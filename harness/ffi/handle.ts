/**
 * The handle type of the driver protocol, in a file of its own so that every protocol file
 * (`protocol.ts`, `protocol_session_fields.ts`) can name it without importing the others.
 *
 * @example
 * ```ts
 * import type { Handle } from "./handle.ts";
 * const ctx: Handle = 1;
 * console.log(ctx);
 * ```
 * @module
 */

/** A handle (SSL_CTX, SSL or SSL_SESSION) as the driver numbers it. */
export type Handle = number;
