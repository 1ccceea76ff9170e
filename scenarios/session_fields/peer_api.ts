import { claimQuotes, defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

const CLAIMS = ["PE-1", "PE-2"];

/** The test PKI's leaf, which the server presents (harness/pki). */
const LEAF_SUBJECT = "/CN=localhost";

/**
 * TLS 1.2 and TLS 1.3 in memory: the client's session holds the server's certificate
 * (X509_NAME_oneline of its subject is the test leaf's), and so does the session of a
 * connection that resumed it (no certificate was sent that time); the server asked for no client
 * certificate, so its session has none (NULL), nor has a blank SSL_SESSION_new session.
 *
 * It fails if the client session lacked the leaf, or a session without a peer certificate
 * returned one.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  mutants: ["get0_peer_null"],
  variants: { tls: TLS_VARIANTS },
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls });
    const conn = await pair.connect();
    const client = pair.expectSession(
      "PE-1",
      `TLS ${tls}: the client has a session`,
      await pair.call("get_session", { ssl: conn.client, variant: "get1" }),
    );
    ctx.expect.equal(
      "PE-1",
      `TLS ${tls}: the client session's peer certificate is the server's leaf`,
      (await pair.call("session_get0", { session: client, field: "peer" })).value,
      LEAF_SUBJECT,
    );
    const server = pair.expectSession(
      "PE-1",
      `TLS ${tls}: the server has a session`,
      await pair.call("get_session", { ssl: conn.server }),
    );
    ctx.expect.equal(
      "PE-2",
      `TLS ${tls}: no client certificate was asked for: the server session's peer is NULL`,
      (await pair.call("session_get0", { session: server, field: "peer" })).ptr,
      null,
    );
    await pair.call("shutdown", { client: conn.client, server: conn.server });
    const again = await pair.connect({ session: client });
    ctx.expect.equal("PE-1", `TLS ${tls}: the second connection resumed`, again.reused, true);
    const resumed = pair.expectSession(
      "PE-1",
      `TLS ${tls}: the resumed connection has a session`,
      await pair.call("get_session", { ssl: again.client }),
    );
    ctx.expect.equal(
      "PE-2",
      `TLS ${tls}: the resumed session still holds the server's leaf`,
      (await pair.call("session_get0", { session: resumed, field: "peer" })).value,
      LEAF_SUBJECT,
    );
    await pair.call("session_free", { session: client });
    const blank = pair.expectSession("PE-2", "SSL_SESSION_new returns a session", {
      session: (await pair.call("session_new", {})).session,
    });
    ctx.expect.equal(
      "PE-2",
      "a blank session has no peer certificate: NULL",
      (await pair.call("session_get0", { session: blank, field: "peer" })).ptr,
      null,
    );
    await pair.call("session_free", { session: blank });
  },
});
