/**
 * Sessions the cache scenarios put in a cache by hand: `SSL_SESSION_new` with a session ID of
 * its own (`SSL_SESSION_set1_id`, so no two collide), optionally a timeout and a time, then
 * `SSL_CTX_add_session`. The caller's reference is released unless it asks to keep it, so the
 * cache is then the session's only owner.
 *
 * @example
 * ```ts ignore
 * const s = await plantSession(driver, ctx, { id: 1, timeout: 10 });
 * ```
 * @module
 */

import type { FfiDriver, Handle } from "../../harness/ffi/mod.ts";

/** Options of {@linkcode plantSession}. */
export interface PlantOptions {
  /** A number made into the 4-byte session ID (distinct numbers, distinct IDs). */
  id: number;
  /** `SSL_SESSION_set_timeout`, seconds. @default {libssl's} */
  timeout?: number;
  /** `SSL_SESSION_set_time`, seconds since the epoch. @default {libssl's: now} */
  time?: number;
  /** Keep the caller's reference (then free it yourself). @default {false} */
  keep?: boolean;
}

/** The 4-byte session ID (hex) {@linkcode plantSession} gives `id`. */
export function plantedId(id: number): string {
  return id.toString(16).padStart(8, "0");
}

/** A new session with its own ID added to `ctx`; returns its handle and `SSL_CTX_add_session`'s. */
export async function plantSession(
  d: FfiDriver,
  ctx: Handle,
  options: PlantOptions,
): Promise<{ session: Handle; rc: number }> {
  const { session } = await d.call("session_new", {});
  if (session === null) throw new Error("SSL_SESSION_new returned NULL while setting up");
  await d.call("session_set1", { field: "id", session, hex: plantedId(options.id) });
  if (options.timeout !== undefined) {
    await d.call("session_set_timeout", { session, seconds: options.timeout });
  }
  if (options.time !== undefined) await d.call("session_set_time", { session, time: options.time });
  const { rc } = await d.call("ctx_add_session", { ctx, session });
  if (!options.keep) await d.call("session_free", { session });
  return { session, rc };
}
