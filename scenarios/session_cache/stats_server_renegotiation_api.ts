import { defineScenario } from "../../mod.ts";

/**
 * TLS 1.2 in memory: one renegotiation started by the server (`SSL_renegotiate` on the server
 * SSL, one `SSL_do_handshake` that writes the HelloRequest, then both sides read until the
 * server no longer waits). The server context's `SSL_CTX_sess_accept_renegotiate` is compared
 * with the one renegotiation; the client's `connect_renegotiate` is the control.
 */
export default defineScenario({
  quote: "SSL_CTX_sess_accept_renegotiate() returns the number of started renegotiations in " +
    "server mode.",
  claims: ["CS-7"],
  tags: ["ffi", "api", "cache", "tls12"],
  requires: ["api"],
  mutants: ["stats_zero"],
  async run(ctx) {
    const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const conn = await pair.connect();
    const before = await pair.call("ctx_stats", { ctx: pair.serverCtx });
    const reneg = await pair.call("renegotiate", { ...conn, initiator: "server" });
    const s = await pair.call("ctx_stats", { ctx: pair.serverCtx });
    const c = await pair.call("ctx_stats", { ctx: pair.clientCtx });
    ctx.note(
      `server-initiated renegotiation (rc ${reneg.rc}, ${reneg.iterations} round(s)): server ` +
        `accept ${before.accept}→${s.accept}, accept_good ${before.acceptGood}→${s.acceptGood}, ` +
        `accept_renegotiate ${before.acceptRenegotiate}→${s.acceptRenegotiate}; client ` +
        `connect_renegotiate ${c.connectRenegotiate}`,
    );
    ctx.expect.equal(
      "CS-7",
      "control: it happened, and the client counts one renegotiation",
      [reneg.rc, reneg.pending, c.connectRenegotiate],
      [1, false, 1],
    );
    ctx.expect.equal(
      "CS-7",
      "the server counts one started renegotiation",
      s.acceptRenegotiate - before.acceptRenegotiate,
      1,
    );
  },
});
