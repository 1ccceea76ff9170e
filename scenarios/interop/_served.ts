/**
 * The server's side of an interop resumption: which peer served (`ctx.tlsServer()`), what it
 * said of each connection, and, where it says whether it resumed, the check that its word
 * agrees with the client's: the first connection new, the second resumed.
 *
 * @module
 */
import type { ScenarioContext, ServedConnection, TlsServer } from "../../mod.ts";
import { recordMeasured } from "./_measured.ts";

/**
 * Record the server's peer and its word on the `count` connections a client made (notes, written
 * before any check so that a failed run still says what the server saw).
 *
 * @example
 * ```ts ignore
 * import { expectServed, recordServed } from "./_served.ts";
 * const served = await recordServed(ctx, server, r.handshakes.length);
 * // … the client's checks …
 * expectServed(ctx, "IX-1", served);
 * ```
 */
export async function recordServed(
  ctx: ScenarioContext,
  server: TlsServer,
  count: number,
): Promise<ServedConnection[] | undefined> {
  const served = await server.served(count);
  recordMeasured(ctx, "serverImplementation", ctx.serverBuild.implementation);
  recordMeasured(ctx, "server", server.kind);
  for (const c of served ?? []) ctx.note(`server: ${c.evidence}`);
  return served;
}

/**
 * Where the server told (`bssl server`, `gnutls-serv`, the FFI driver; not `s_server` or the
 * Deno server), check under `claim` that its word agrees with the client's: the first
 * connection new, the second resumed. Called after the client's checks, whose messages the
 * expected deviations name.
 */
export function expectServed(
  ctx: ScenarioContext,
  claim: string,
  served: ServedConnection[] | undefined,
): void {
  if (served === undefined) return;
  ctx.expect.equal(
    claim,
    "the server says it resumed the second connection, not the first",
    served.map((c) => c.resumed),
    [false, true],
  );
}
