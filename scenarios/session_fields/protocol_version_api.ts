import { claimQuotes, defineScenario, TLS_VARIANTS, TLS_VERSION, tlsVersion } from "../../mod.ts";

const CLAIMS = ["PV-1", "PV-2", "PV-3", "PV-4"];

/**
 * TLS 1.2 and TLS 1.3 in memory: SSL_SESSION_get_protocol_version of the client's and the
 * server's session is the version negotiated (`SSL_version`), and the number is the
 * TLS1_2_VERSION / TLS1_3_VERSION constant. SSL_SESSION_set_protocol_version then sets
 * TLS1_VERSION on a negotiated session and TLS1_3_VERSION on a blank SSL_SESSION_new one (which
 * starts at 0), returning 1; the getter reads each back.
 *
 * It fails if the getter reported another version than the handshake's, or the setter did not
 * change what the getter reads.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  mutants: ["protocol_version_zero", "set_protocol_version_noop"],
  variants: { tls: TLS_VARIANTS },
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls });
    const conn = await pair.connect();
    const wire = (await pair.call("ssl_info", { ssl: conn.client })).version;
    for (const end of ["client", "server"] as const) {
      const session = pair.expectSession(
        "PV-1",
        `TLS ${tls}: the ${end} has a session`,
        await pair.call("get_session", { ssl: conn[end] }),
      );
      const { value } = await pair.call("session_get0", { session, field: "protocol_version" });
      ctx.expect.equal(
        "PV-1",
        `TLS ${tls}: the ${end} session's version is the negotiated one (SSL_version)`,
        value,
        wire,
      );
      ctx.expect.equal(
        "PV-3",
        `TLS ${tls}: the ${end} session's version is TLS${tls.replace(".", "_")}_VERSION`,
        value,
        TLS_VERSION[tls],
      );
    }
    if (tls === "1.2") {
      const kept = pair.expectSession(
        "PV-2",
        "a kept client session",
        await pair.call("get_session", { ssl: conn.client, variant: "get1" }),
      );
      const set = await pair.call("session_set1", {
        session: kept,
        field: "protocol_version",
        number: TLS_VERSION["1.0"],
      });
      ctx.expect.equal("PV-4", "set_protocol_version(TLS1_VERSION) returns 1", set.rc, 1);
      ctx.expect.equal(
        "PV-2",
        "the negotiated session now says TLS1_VERSION",
        (await pair.call("session_get0", { session: kept, field: "protocol_version" })).value,
        TLS_VERSION["1.0"],
      );
      await pair.call("session_free", { session: kept });
    }
    const { session: blank } = await pair.call("session_new", {});
    const fresh = pair.expectSession("PV-2", "SSL_SESSION_new returns a session", {
      session: blank,
    });
    ctx.expect.equal(
      "PV-1",
      "a blank session was used by no protocol: 0",
      (await pair.call("session_get0", { session: fresh, field: "protocol_version" })).value,
      0,
    );
    const set = await pair.call("session_set1", {
      session: fresh,
      field: "protocol_version",
      number: TLS_VERSION["1.3"],
    });
    ctx.expect.equal("PV-4", "set_protocol_version(TLS1_3_VERSION) returns 1", set.rc, 1);
    ctx.expect.equal(
      "PV-2",
      "the blank session now says TLS1_3_VERSION",
      (await pair.call("session_get0", { session: fresh, field: "protocol_version" })).value,
      TLS_VERSION["1.3"],
    );
    await pair.call("session_free", { session: fresh });
  },
});
