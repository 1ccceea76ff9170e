import { defineScenario } from "../../mod.ts";

/**
 * TLS 1.2 session IDs in memory, a fresh server context. An expired session (`SSL_SESSION_new`
 * with an ID, back-dated 1000 s past its timeout) is put in the cache with
 * `SSL_CTX_add_session`; nothing removes it by itself. Then 520 handshakes whose SSLs are freed
 * without shutdown, so each one's own session leaves the cache at once and `SSL_CTX_sess_number`
 * counts the planted session alone. Each time it has gone (an automatic `SSL_CTX_flush_sessions`
 * inside that handshake) the connection number is recorded and a new expired session planted:
 * the numbers are compared with every 255th connection. With `SSL_SESS_CACHE_NO_AUTO_CLEAR` the
 * planted session stays through 300 handshakes and a manual flush removes it.
 */
export default defineScenario({
  quote: "Normally the session cache is checked for expired sessions every 255 connections using " +
    "the SSL_CTX_flush_sessions(3) function.",
  claims: ["CM-10", "FL-5"],
  tags: ["ffi", "api", "cache", "tls12"],
  requires: ["api"],
  timeoutSeconds: 180,
  mutants: ["flush_noop", "cache_mode_ignored"],
  async run(ctx) {
    // NO_AUTO_CLEAR first: its checks hold whatever the count of the automatic flush.
    for (const autoClear of [false, true]) {
      const what = autoClear ? "SERVER" : "SERVER|NO_AUTO_CLEAR";
      const pair = await ctx.ffiPair({
        tls: "1.2",
        noTicket: true,
        // The flag's value is the implementation's (OpenSSL 0x80, wolfSSL 0x8): the driver's.
        serverCacheMode: autoClear ? "server" : "server|no-auto-clear",
      });
      const plant = async (n: number) => {
        const { session } = await pair.call("session_new", {});
        await pair.call("session_set1", {
          session: session!,
          field: "id",
          hex: `fe${n.toString(16).padStart(4, "0")}`,
        });
        await pair.call("session_set_time", {
          session: session!,
          time: Math.floor(Date.now() / 1000) - 1000,
        });
        await pair.call("ctx_add_session", { ctx: pair.serverCtx, session: session! });
        await pair.call("session_free", { session: session! }); // the cache holds it now
      };
      await plant(0);
      const flushedAt: number[] = [];
      const total = autoClear ? 520 : 300;
      // The driver makes the connections (fresh SSLs, a handshake, SSL_free) and stops at the
      // first that leaves the cache empty: one request per flush, not five per connection.
      for (let n = 0; n < total;) {
        const { connections, serverCacheEmpty } = await pair.call("connections", {
          clientCtx: pair.clientCtx,
          serverCtx: pair.serverCtx,
          count: total - n,
          untilServerCacheEmpty: true,
        });
        n += connections;
        if (serverCacheEmpty) {
          flushedAt.push(n);
          await plant(n);
        }
      }
      ctx.note(`${what}: the planted expired session was flushed at connection(s) ${flushedAt}`);
      if (autoClear) {
        ctx.expect.equal(
          "CM-10",
          `${what}: automatic flushes in 520 connections at connections`,
          flushedAt,
          [255, 510],
        );
      } else {
        ctx.expect.equal("FL-5", `${what}: no automatic flush in 300 connections`, flushedAt, []);
        await pair.call("ctx_flush_sessions", {
          ctx: pair.serverCtx,
          time: Math.floor(Date.now() / 1000),
        });
        ctx.expect.equal(
          "FL-5",
          `${what}: a manual SSL_CTX_flush_sessions removes it`,
          (await pair.call("ctx_sess_number", { ctx: pair.serverCtx })).count,
          0,
        );
      }
    }
  },
});
