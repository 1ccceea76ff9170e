import { claimQuotes, defineScenario } from "../../mod.ts";

/**
 * The client's new-session callback in memory (`keepNewSessions: false`). TLS 1.2 session IDs:
 * one call by the time `SSL_do_handshake` finishes (during the handshake), none for a resumed
 * connection (no new session), none at all when the client's cache mode is OFF. TLS 1.3 with 3
 * tickets: no call when the handshake finishes, 3 once the client reads the tickets (after it).
 */
export default defineScenario({
  quote: claimQuotes("NC-10", "NC-11"),
  claims: ["NC-1", "NC-6", "NC-10", "NC-11"],
  tags: ["ffi", "api", "callbacks", "tls12", "tls13"],
  requires: ["api"],
  mutants: ["new_session_cb_once", "cache_mode_ignored"],
  async run(ctx) {
    const tls12 = await ctx.ffiPair({ tls: "1.2", noTicket: true, keepClientSessions: true });
    const calls = async (c: number) => (await tls12.call("ctx_new_sessions", { ctx: c })).count;
    const full = await tls12.connect({ readTickets: false });
    ctx.expect.equal(
      "NC-10",
      "TLS 1.2: called once during the handshake",
      await calls(tls12.clientCtx),
      1,
    );
    const { calls: made } = await tls12.call("ctx_new_sessions", { ctx: tls12.clientCtx });
    await tls12.call("shutdown", full);
    const resumed = await tls12.connect({ session: made[0].session, readTickets: false });
    ctx.expect.equal(
      "NC-1",
      "a resumed connection negotiates no new session: no further call",
      [resumed.reused, await calls(tls12.clientCtx)],
      [true, 1],
    );
    await tls12.call("session_free", { session: made[0].session });

    const off = await ctx.ffiPair({ tls: "1.2", noTicket: true, clientCacheMode: "off" });
    await off.connect();
    ctx.expect.equal("NC-6", "client cache mode OFF: never called", await calls(off.clientCtx), 0);
    ctx.expect.equal(
      "NC-6",
      "control: the caching server's own callback was called",
      await calls(off.serverCtx),
      1,
    );

    const tls13 = await ctx.ffiPair({ tls: "1.3", numTickets: 3 });
    const conn = await tls13.connect({ readTickets: false });
    ctx.expect.equal(
      "NC-10",
      "TLS 1.3: not called by the end of the handshake",
      await calls(tls13.clientCtx),
      0,
    );
    await tls12.call("read_tickets", { client: conn.client });
    ctx.expect.equal(
      "NC-11",
      "TLS 1.3, 3 tickets: called 3 times after the handshake",
      await calls(tls13.clientCtx),
      3,
    );
  },
});
