/**
 * The session's own i2d DER, decoded by the harness's codec: the independent witness the
 * getter scenarios compare libssl's getters with. Helpers (files starting with `_`) are not
 * loaded as scenarios.
 *
 * @example
 * ```ts ignore
 * const fields = await decodedSession(driver, session);
 * console.log(fields.ticketLifetimeHint);
 * ```
 * @module
 */

import { decodeSessionDer, type FfiDriver, type Handle, type SslSession } from "../../mod.ts";

/** `i2d_SSL_SESSION` of `session` through the driver, decoded. */
export async function decodedSession(driver: FfiDriver, session: Handle): Promise<SslSession> {
  const { der } = await driver.call("session_i2d", { session });
  return decodeSessionDer(Uint8Array.fromBase64(der));
}
