import { defineScenario } from "../../mod.ts";
import { SSL_OP_ALLOW_CLIENT_RENEGOTIATION } from "../../harness/ffi/mod.ts";
import { cleanConnection } from "./_clean_connection.ts";

/**
 * TLS 1.2 session IDs in memory; the statistics of the client and server contexts
 * (`SSL_CTX_sess_*`, SSL_CTX_ctrl 20–31) after: a full handshake, a resumed one, and a
 * renegotiation (`SSL_renegotiate` on the client; 3.0+ servers get
 * `SSL_OP_ALLOW_CLIENT_RENEGOTIATION`, without which they refuse it). A separate
 * pair whose client does not trust the server: its handshake fails, and is counted as started
 * but not as established on either side.
 */
export default defineScenario({
  quote: "SSL_CTX_sess_connect() returns the number of started SSL/TLS handshakes in client mode.",
  claims: ["CS-1", "CS-2", "CS-3", "CS-4", "CS-5", "CS-6", "CS-7", "CS-8", "CS-9"],
  tags: ["ffi", "api", "cache", "tls12"],
  requires: ["api"],
  mutants: ["stats_zero"],
  async run(ctx) {
    const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const first = await cleanConnection(pair);
    const again = await cleanConnection(pair, { session: first.clientSession });
    const c = await pair.call("ctx_stats", { ctx: pair.clientCtx });
    const s = await pair.call("ctx_stats", { ctx: pair.serverCtx });
    ctx.expect.equal("CS-2", "client: 2 handshakes started", c.connect, 2);
    ctx.expect.equal("CS-3", "client: 2 established", c.connectGood, 2);
    ctx.expect.equal("CS-9", "client: the resumed one is a hit", [again.reused, c.hits], [true, 1]);
    ctx.expect.equal("CS-5", "server: 2 handshakes started", s.accept, 2);
    ctx.expect.equal("CS-6", "server: 2 established", s.acceptGood, 2);
    ctx.expect.equal("CS-8", "server: 1 session reused", s.hits, 1);
    ctx.expect.equal("CS-1", "server: 1 session in the cache", s.number, 1);
    for (const x of [first, again]) await pair.call("session_free", { session: x.clientSession });

    const conn = await pair.connect();
    if (pair.driver.hello.versionNumber >= 0x30000000) {
      await pair.call("ssl_set_options", {
        ssl: conn.server,
        bits: SSL_OP_ALLOW_CLIENT_RENEGOTIATION,
      });
    }
    const reneg = await pair.call("renegotiate", { ...conn, initiator: "client" });
    ctx.note(`renegotiation: rc ${reneg.rc}, ${reneg.iterations} round(s)`);
    const c2 = await pair.call("ctx_stats", { ctx: pair.clientCtx });
    const s2 = await pair.call("ctx_stats", { ctx: pair.serverCtx });
    ctx.expect.equal(
      "CS-4",
      "SSL_renegotiate returns 1; the client counts the renegotiation",
      [reneg.rc, reneg.pending, c2.connectRenegotiate],
      [1, false, 1],
    );
    ctx.expect.equal("CS-7", "server: the renegotiation counted", s2.acceptRenegotiate, 1);

    const untrusting = await ctx.ffiPair({
      tls: "1.2",
      noTicket: true,
      clientCaFile: ctx.pki.cert,
    });
    const bad = await untrusting.newSsls();
    const failed = await pair.call("handshake", bad).then(
      () => "completed",
      (e: Error) => e.message,
    );
    ctx.expect.match("CS-3", "a handshake with an untrusted server fails", failed, /failed/);
    const bc = await pair.call("ctx_stats", { ctx: untrusting.clientCtx });
    const bs = await pair.call("ctx_stats", { ctx: untrusting.serverCtx });
    ctx.expect.equal(
      "CS-3",
      "failed handshake: started but not established (client, server)",
      [bc.connect, bc.connectGood, bs.accept, bs.acceptGood],
      [1, 0, 1, 0],
    );
  },
});
