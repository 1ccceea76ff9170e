/**
 * A bare server SSL_CTX with the scope's remove callback installed: what the cache scenarios that
 * fill a cache by hand (`_planted.ts`) watch.
 *
 * @example
 * ```ts ignore
 * const c = await watchedServerCtx(driver);
 * ```
 * @module
 */

import type { FfiDriver, Handle } from "../../harness/ffi/mod.ts";

/** A new server SSL_CTX whose remove-session callback records every removal. */
export async function watchedServerCtx(d: FfiDriver): Promise<Handle> {
  const { ctx } = await d.call("ctx_new", { role: "server" });
  await d.call("ctx_session_callbacks", { ctx, remove: true });
  return ctx;
}

/** `SSL_CTX_sess_number`. */
export async function sessNumber(d: FfiDriver, ctx: Handle): Promise<number> {
  return (await d.call("ctx_sess_number", { ctx })).count;
}
