import type { FfiPair } from "../../mod.ts";
/**
 * Shared step of the session cache scenarios: one complete connection of an {@linkcode FfiPair}
 * (handshake, clean shutdown, both SSLs freed), so that what stays in a cache afterwards is the
 * cache's own doing, never a half-closed connection's.
 *
 * @example
 * ```ts ignore
 * const first = await cleanConnection(pair);
 * const again = await cleanConnection(pair, { session: first.clientSession });
 * ```
 * @module
 */

import type { Handle } from "../../harness/ffi/mod.ts";

/** What {@linkcode cleanConnection} saw. */
export interface CleanConnection {
  /** `SSL_session_reused` of the client. */
  reused: boolean;
  /** The client's session, kept with `SSL_get1_session` (the caller frees it). */
  clientSession: Handle;
  /**
   * The server's session: `SSL_get_session` (no reference of the caller's: alive afterwards only
   * while a cache holds it), or `SSL_get1_session` with `keepServerSession` (the caller frees it).
   */
  serverSession: Handle;
}

/** Options of {@linkcode cleanConnection}. */
export interface CleanConnectionOptions {
  /** `SSL_set_session` on the client first. */
  session?: Handle;
  /** Keep a reference to the server's session too (`SSL_get1_session`). @default {false} */
  keepServerSession?: boolean;
  /** Called with the two SSLs before the handshake (e.g. to set a per-SSL option). */
  before?: (ssls: { client: Handle; server: Handle }) => Promise<void>;
}

/** One clean connection of `pair`; throws when either side has no session afterwards. */
export async function cleanConnection(
  pair: FfiPair,
  options: CleanConnectionOptions = {},
): Promise<CleanConnection> {
  const ssls = await pair.newSsls();
  if (options.session !== undefined) {
    const { rc } = await pair.call("set_session", { ssl: ssls.client, session: options.session });
    if (rc !== 1) throw new Error(`SSL_set_session returned ${rc} while setting up`);
  }
  await options.before?.(ssls);
  const hs = await pair.call("handshake", { ...ssls, readTickets: true });
  const client = await pair.call("get_session", { ssl: ssls.client, variant: "get1" });
  const server = await pair.call("get_session", {
    ssl: ssls.server,
    variant: options.keepServerSession ? "get1" : "get",
  });
  if (client.session === null || server.session === null) {
    throw new Error("A finished handshake left a side without a session");
  }
  await pair.call("shutdown", ssls);
  await pair.call("ssl_free", { ssl: ssls.client });
  await pair.call("ssl_free", { ssl: ssls.server });
  return { reused: hs.clientReused, clientSession: client.session, serverSession: server.session };
}
