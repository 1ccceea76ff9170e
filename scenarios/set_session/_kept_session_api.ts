/**
 * Helper of the set_session API scenarios: a real, resumable client session that only the
 * caller holds (one reference), taken from a cleanly shut down connection of a pair.
 *
 * @example
 * ```ts ignore
 * const pair = await ffiPair(ctx, { tls: "1.2", noTicket: true });
 * const session = await keptSession(ctx, pair, "SS-2");
 * ```
 * @module
 */

import type { ScenarioContext } from "../../mod.ts";
import type { Handle } from "../../harness/ffi/mod.ts";
import { expectSession, type FfiPair } from "../get_session/_ffi_pair_api.ts";

/**
 * Connect, shut down cleanly, keep the client's session with SSL_get1_session, free both SSLs:
 * the caller then holds the session's only reference (the pair's contexts hold none).
 */
export async function keptSession(
  ctx: ScenarioContext,
  pair: FfiPair,
  claim: string,
): Promise<Handle> {
  const d = pair.driver;
  const conn = await pair.connect();
  await d.call("shutdown", { client: conn.client, server: conn.server });
  const session = expectSession(
    ctx,
    claim,
    "a handshake gives the client a session to keep",
    await d.call("get_session", { ssl: conn.client, variant: "get1" }),
  );
  await d.call("ssl_free", { ssl: conn.client });
  await d.call("ssl_free", { ssl: conn.server });
  return session;
}
