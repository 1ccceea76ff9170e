import { defineScenario } from "../../mod.ts";

/**
 * TLS 1.3 in memory. A fresh server SSL_CTX reports 2 (`SSL_CTX_get_num_tickets`), an SSL made
 * from it too (`SSL_get_num_tickets`), and a handshake brings the client's new-session callback
 * 2 tickets. `SSL_CTX_set_num_tickets(0, 1, 3)` returns 1, the getter then reports the value set
 * and a handshake brings that many tickets; `SSL_set_num_tickets(4)` on one server SSL changes
 * that SSL only (the context still says 3) and its handshake brings 4.
 */
export default defineScenario({
  quote: "SSL_CTX_get_num_tickets() and SSL_get_num_tickets() return the number of tickets set " +
    "by a previous call to SSL_CTX_set_num_tickets() or SSL_set_num_tickets(), or 2 if no such " +
    "call has been made.",
  claims: ["NT-1", "NT-2", "NT-14", "NT-15", "NT-16"],
  tags: ["ffi", "api", "tls13", "tickets"],
  requires: ["api"],
  mutants: ["num_tickets_ignored"],
  async run(ctx) {
    const pair = await ctx.ffiPair({ tls: "1.3" });
    const fresh = await pair.call("ctx_num_tickets", { ctx: pair.serverCtx });
    ctx.expect.equal("NT-14", "a fresh SSL_CTX reports 2", fresh.count, 2);
    const first = await pair.connect();
    ctx.expect.equal("NT-2", "by default a handshake brings 2 tickets", first.newSessionCalls, 2);
    ctx.expect.equal(
      "NT-14",
      "an SSL of a fresh SSL_CTX reports 2",
      (await pair.call("ssl_num_tickets", { ssl: first.server })).count,
      2,
    );
    for (const n of [0, 1, 3]) {
      const set = await pair.call("ctx_num_tickets", { ctx: pair.serverCtx, set: n });
      ctx.expect.equal("NT-15", `SSL_CTX_set_num_tickets(${n}) returns 1`, set.returned, 1);
      ctx.expect.equal("NT-16", `SSL_CTX_get_num_tickets then reports ${n}`, set.count, n);
      const conn = await pair.connect();
      ctx.expect.equal("NT-1", `${n} set: ${n} ticket(s) sent`, conn.newSessionCalls, n);
      ctx.expect.equal(
        "NT-14",
        `${n} set: SSL_get_num_tickets of its SSL reports ${n}`,
        (await pair.call("ssl_num_tickets", { ssl: conn.server })).count,
        n,
      );
    }
    const ssls = await pair.newSsls();
    const own = await pair.call("ssl_num_tickets", { ssl: ssls.server, set: 4 });
    ctx.expect.equal("NT-15", "SSL_set_num_tickets(4) returns 1", own.returned, 1);
    ctx.expect.equal("NT-16", "SSL_get_num_tickets then reports 4", own.count, 4);
    ctx.expect.equal(
      "NT-14",
      "the context still reports 3",
      (await pair.call("ctx_num_tickets", { ctx: pair.serverCtx })).count,
      3,
    );
    const r = await pair.call("handshake", { ...ssls, readTickets: true });
    ctx.expect.equal("NT-1", "that SSL sends 4 tickets", r.newSessionCalls, 4);
  },
});
