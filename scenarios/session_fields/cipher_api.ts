import { claimQuotes, defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

const CLAIMS = ["CI-1", "CI-2", "CI-3", "CI-4"];

/**
 * TLS 1.2 and TLS 1.3 in memory: SSL_CIPHER_get_name of SSL_SESSION_get0_cipher, on both ends,
 * is the name of the connection's SSL_get_current_cipher; a blank SSL_SESSION_new session has
 * no cipher to determine (NULL). SSL_SESSION_set_cipher then gives the blank session
 * TLS_AES_128_GCM_SHA256 and the TLS 1.2 session ECDHE-ECDSA-AES128-GCM-SHA256 (SSL_CIPHER
 * objects found with SSL_CIPHER_find), returning 1, and the getter reads them back.
 *
 * It fails if the session's cipher is not the connection's, a blank session had one, or the
 * setter did not change what the getter reads.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  mutants: ["get0_cipher_null", "set_cipher_noop"],
  variants: { tls: TLS_VARIANTS },
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls });
    const conn = await pair.connect();
    const { name } = await pair.call("ssl_cipher", { ssl: conn.client });
    ctx.note(`TLS ${tls}: SSL_get_current_cipher is ${name}`);
    for (const end of ["client", "server"] as const) {
      const session = pair.expectSession(
        "CI-1",
        `TLS ${tls}: the ${end} has a session`,
        await pair.call("get_session", { ssl: conn[end] }),
      );
      const got = await pair.call("session_get0", { session, field: "cipher" });
      ctx.expect.ok("CI-3", `TLS ${tls}: the ${end} session has a cipher`, got.ptr !== null, got);
      ctx.expect.equal(
        "CI-1",
        `TLS ${tls}: the ${end} session's cipher is the connection's`,
        got.value,
        name,
      );
    }
    const blank = pair.expectSession(
      "CI-3",
      "SSL_SESSION_new returns a session",
      await pair.call("session_new", {}),
    );
    ctx.expect.equal(
      "CI-3",
      `a blank session's cipher cannot be determined: NULL`,
      (await pair.call("session_get0", { session: blank, field: "cipher" })).ptr,
      null,
    );
    // TLS 1.3 suites are not in a TLS 1.2-only SSL's list: each connection finds its own kind.
    const [hex, want] = tls === "1.3"
      ? ["1301", "TLS_AES_128_GCM_SHA256"]
      : ["c02b", "ECDHE-ECDSA-AES128-GCM-SHA256"];
    const target = tls === "1.3" ? blank : pair.expectSession(
      "CI-2",
      "a kept client session",
      await pair.call("get_session", { ssl: conn.client, variant: "get1" }),
    );
    const set = await pair.call("session_set1", {
      session: target,
      field: "cipher",
      hex,
      cipherSsl: conn.client,
    });
    ctx.expect.equal("CI-4", `set_cipher(${want}) returns 1`, set.rc, 1);
    ctx.expect.equal(
      "CI-2",
      `TLS ${tls}: the ${tls === "1.3" ? "blank" : "negotiated"} session's cipher is now ${want}`,
      (await pair.call("session_get0", { session: target, field: "cipher" })).value,
      want,
    );
    if (target !== blank) await pair.call("session_free", { session: target });
    await pair.call("session_free", { session: blank });
  },
});
