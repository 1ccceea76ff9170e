import { defineScenario } from "../../mod.ts";

/**
 * TLS 1.2, session IDs, a server context whose sessions time out after 10 s. After a clean
 * handshake and SSL_free of the server SSL, the server's cache is the only owner of the
 * session obtained with SSL_get_session(). SSL_CTX_flush_sessions at the current time leaves
 * it (not yet expired); flushing at a time 60 s later (past the timeout) removes it from the cache and the free
 * callback shows it freed inside that call: the pointer is gone. Control: a session the caller
 * kept with SSL_get1_session() is removed from the cache by the same flush, but not freed.
 *
 * It fails if the flush did not remove an expired session, removed one not yet expired, or
 * freed one the caller still holds.
 */
export default defineScenario({
  quote: "Even if the session is valid, it can be removed at any time due to timeout during " +
    "SSL_CTX_flush_sessions().",
  claims: ["GS-14"],
  tags: ["ffi", "api", "tls12"],
  requires: ["api"],
  mutants: ["flush_noop", "get1_without_ref"],
  async run(ctx) {
    for (const variant of ["get0", "get1"] as const) {
      const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true, serverTimeout: 10 });
      const conn = await pair.connect();
      const session = pair.expectSession(
        "GS-14",
        `${variant}: the server has a session`,
        await pair.call("get_session", { ssl: conn.server, variant }),
      );
      const info = await pair.call("session_info", { session });
      ctx.expect.equal("GS-14", `${variant}: the session's timeout is 10 s`, info.timeout, 10);
      await pair.call("shutdown", { client: conn.client, server: conn.server });
      await pair.call("ssl_free", { ssl: conn.client });
      const { freed } = await pair.call("ssl_free", { ssl: conn.server });
      ctx.expect.equal(
        "GS-14",
        `${variant}: the cache still holds it after SSL_free`,
        [
          freed.includes(session),
          (await pair.call("ctx_sess_number", { ctx: pair.serverCtx })).count,
        ],
        [false, 1],
      );
      const now = Math.floor(Date.now() / 1000);
      const early = await pair.call("ctx_flush_sessions", { ctx: pair.serverCtx, time: now });
      ctx.expect.equal(
        "GS-14",
        `${variant}: a flush before it expires leaves it`,
        [
          early.freed.includes(session),
          (await pair.call("ctx_sess_number", { ctx: pair.serverCtx })).count,
        ],
        [false, 1],
      );
      const late = await pair.call("ctx_flush_sessions", { ctx: pair.serverCtx, time: now + 60 });
      ctx.note(`${variant}: flushed with ${late.function}`);
      ctx.expect.equal(
        "GS-14",
        `${variant}: a flush after it expired removes it from the cache`,
        (await pair.call("ctx_sess_number", { ctx: pair.serverCtx })).count,
        0,
      );
      ctx.expect.equal(
        "GS-14",
        `${variant}: ${
          variant === "get0" ? "and frees it" : "but the caller's reference keeps it"
        }`,
        late.freed.includes(session),
        variant === "get0",
      );
      if (variant === "get1") await pair.call("session_free", { session });
    }
  },
});
