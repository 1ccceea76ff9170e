import {
  claimQuotes,
  decodeSessionDer,
  defineScenario,
  TLS_VARIANTS,
  tlsVersion,
} from "../../mod.ts";

const CLAIMS = ["TO-1", "TO-2", "TO-4", "TO-5", "TO-6", "TO-15", "TO-16"];

/**
 * TLS 1.2 (session IDs) and TLS 1.3 in memory, on the server context: SSL_CTX_set_timeout(1234)
 * returns the default it replaces (what SSL_CTX_get_timeout said before), a second call returns
 * 1234, and SSL_CTX_get_timeout says 1234. The server's next session gets a 1234 s lifetime,
 * stored as its creation time and timeout (getters and its i2d DER). SSL_CTX_set_timeout(99)
 * after that handshake leaves the established session at 1234; the next connection's session
 * gets 99.
 *
 * It fails if the context's timeout is not what was set, a new session does not take it, or a
 * change reaches a session already made.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api", "tls12", "tls13"],
  // The DER witness is the harness codec of OpenSSL's SSL_SESSION encoding.
  requires: ["api", "session-file:openssl-pem"],
  mutants: ["ctx_timeout_ignored"],
  variants: { tls: TLS_VARIANTS },
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls, noTicket: tls === "1.2" });
    const sctx = pair.serverCtx;
    const initial = (await pair.call("ctx_get_timeout", { ctx: sctx })).timeout;
    const first = await pair.call("ctx_set_timeout", { ctx: sctx, seconds: 1234 });
    ctx.expect.equal(
      "TO-15",
      `TLS ${tls}: set_timeout returns the previous (default) value ${initial}`,
      first.previous,
      initial,
    );
    const got = (await pair.call("ctx_get_timeout", { ctx: sctx })).timeout;
    ctx.expect.equal("TO-2", `TLS ${tls}: get_timeout returns the value set`, got, 1234);
    const again = await pair.call("ctx_set_timeout", { ctx: sctx, seconds: 1234 });
    ctx.expect.equal("TO-15", `TLS ${tls}: set again, it returns 1234`, again.previous, 1234);
    ctx.expect.equal(
      "TO-16",
      `TLS ${tls}: get_timeout still returns the current 1234`,
      (await pair.call("ctx_get_timeout", { ctx: sctx })).timeout,
      1234,
    );

    const conn = await pair.connect();
    const held = pair.expectSession(
      "TO-1",
      `TLS ${tls}: the server has a session`,
      await pair.call("get_session", { ssl: conn.server, variant: "get1" }),
    );
    const info = await pair.call("session_info", { session: held });
    ctx.expect.ok(
      "TO-5",
      `TLS ${tls}: the new session has a lifetime`,
      (info.timeout ?? 0) > 0,
      info,
    );
    ctx.expect.equal("TO-1", `TLS ${tls}: the new session's timeout is 1234`, info.timeout, 1234);
    const der = decodeSessionDer(
      Uint8Array.fromBase64((await pair.call("session_i2d", { session: held })).der),
    );
    ctx.expect.equal(
      "TO-6",
      `TLS ${tls}: stored as its creation time and that timeout (its DER)`,
      [der.time, der.timeout],
      [info.time, 1234],
    );
    await pair.call("ctx_set_timeout", { ctx: sctx, seconds: 99 });
    ctx.expect.equal(
      "TO-4",
      `TLS ${tls}: a later SSL_CTX_set_timeout(99) does not change the established session`,
      (await pair.call("session_info", { session: held })).timeout,
      1234,
    );
    const next = await pair.connect();
    const fresh = pair.expectSession(
      "TO-1",
      `TLS ${tls}: the next connection's server has a session`,
      await pair.call("get_session", { ssl: next.server }),
    );
    ctx.expect.equal(
      "TO-1",
      `TLS ${tls}: a session created after it gets 99`,
      (await pair.call("session_info", { session: fresh })).timeout,
      99,
    );
    await pair.call("session_free", { session: held });
  },
});
