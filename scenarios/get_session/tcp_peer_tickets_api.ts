import { CLIENT_NO_STORE, defineScenario, expectSession, wasFreed } from "../../mod.ts";

/**
 * SSL_get_session(3), over a real TCP connection: libssl of the client build (FFI) against
 * `openssl s_server -tls1_3 -num_tickets 2` of the server build, so the API checks run for
 * every client build × server build pair.
 *
 * - GS-8: right after SSL_connect returned, get_session gives a session that
 *   SSL_SESSION_is_resumable() calls 0; once both tickets are read, 1.
 * - GS-11: the new-session callback fires once per ticket the server sent (2), none before.
 * - GS-9: get_session then returns the last session received (the second callback's), not the
 *   first.
 * - GS-3: the session kept with SSL_get1_session() outlives SSL_free (free callback), and one
 *   SSL_SESSION_free() frees it at the end.
 * - SS-1 / SS-4: a second TCP connection given that session with SSL_set_session() resumes,
 *   and SSL_session_reused() says so; a third without it does not.
 *
 * It fails if the session were resumable before the tickets, if the callback count differed
 * from the tickets sent, if get_session returned an earlier ticket's session, if get1 did not
 * keep the session across SSL_free, or if the server did not resume the kept session.
 */
export default defineScenario({
  quote: "Calling these functions on the client side in TLSv1.3 before the session has been " +
    "established will still return an SSL_SESSION object but that object cannot be used for " +
    "resuming the session; a server can send multiple messages that establish a session, and " +
    "the functions return the last session received.",
  claims: ["GS-8", "GS-9", "GS-11", "GS-3", "SS-1", "SS-4"],
  requires: ["api", "tcp-peer", "cli-server:openssl"],
  tags: ["ffi", "api", "tls13", "tickets", "tcp"],
  mutants: [
    "resumable_always_1",
    "new_session_cb_once",
    "get_returns_first_ticket",
    "get1_without_ref",
    "set_session_noop",
  ],
  async run(ctx) {
    const server = await ctx.sServer({ tls: "1.3", numTickets: 2 });
    const d = await ctx.ffi();
    const { ctx: clientCtx } = await d.call("ctx_new", {
      role: "client",
      caFile: ctx.pki.caCert,
      minVersion: "1.3",
      maxVersion: "1.3",
      cacheMode: CLIENT_NO_STORE,
      keepNewSessions: false,
    });
    const timeoutMs = ctx.stepTimeoutMs;

    const { ssl: first } = await d.call("ssl_new", { ctx: clientCtx });
    const hello = await d.call("connect_tcp", { ssl: first, port: server.port, timeoutMs });
    ctx.expect.equal("SS-4", "the first connection is TLS 1.3 and new", hello, {
      version: 0x0304,
      reused: false,
    });
    const early = expectSession(
      ctx.expect,
      "GS-8",
      "right after SSL_connect get_session returns a session",
      await d.call("get_session", { ssl: first }),
    );
    ctx.expect.equal(
      "GS-8",
      "that session is not resumable",
      (await d.call("session_is_resumable", { session: early })).resumable,
      false,
    );
    ctx.expect.equal(
      "GS-11",
      "no new-session callback before the tickets are read",
      (await d.call("ctx_new_sessions", { ctx: clientCtx })).count,
      0,
    );

    const read = await d.call("read_tcp", { ssl: first, tickets: 2, timeoutMs });
    const { calls } = await d.call("ctx_new_sessions", { ctx: clientCtx });
    ctx.expect.equal(
      "GS-11",
      "two tickets sent: two callbacks, both while reading",
      [calls.length, read.newSessionCalls],
      [2, 2],
    );
    const last = expectSession(
      ctx.expect,
      "GS-9",
      "after the tickets get_session returns a session",
      await d.call("get_session", { ssl: first }),
    );
    ctx.expect.equal("GS-9", "it is the last session received", last, calls[1]?.session);
    ctx.expect.notEqual("GS-9", "not the first", last, calls[0]?.session);
    ctx.expect.equal(
      "GS-8",
      "once established it is resumable",
      (await d.call("session_is_resumable", { session: last })).resumable,
      true,
    );

    const kept = await d.call("get_session", { ssl: first, variant: "get1" });
    ctx.expect.equal("GS-3", "get1 returns the same session", kept.session, last);
    await d.call("ssl_shutdown", { ssl: first });
    await d.call("ssl_free", { ssl: first });
    ctx.expect.equal("GS-3", "the kept session outlives SSL_free", await wasFreed(d, last), false);

    const { ssl: second } = await d.call("ssl_new", { ctx: clientCtx });
    const set = await d.call("set_session", { ssl: second, session: last });
    ctx.expect.equal("SS-1", "SSL_set_session succeeds", set.rc, 1);
    const resumed = await d.call("connect_tcp", { ssl: second, port: server.port, timeoutMs });
    ctx.expect.equal("SS-1", "the connection given the kept session resumes", resumed.reused, true);
    ctx.expect.equal(
      "SS-4",
      "SSL_session_reused says so",
      (await d.call("session_reused", { ssl: second })).reused,
      true,
    );
    // A resumed TLS 1.3 handshake gets one ticket from OpenSSL, whatever num_tickets says.
    const again = await d.call("read_tcp", { ssl: second, tickets: 1, timeoutMs });
    ctx.note(`resumed connection: ${again.newSessionCalls} ticket(s) read`);
    await d.call("ssl_shutdown", { ssl: second });
    await d.call("ssl_free", { ssl: second });

    const { ssl: third } = await d.call("ssl_new", { ctx: clientCtx });
    const plain = await d.call("connect_tcp", { ssl: third, port: server.port, timeoutMs });
    ctx.expect.equal("SS-4", "a connection without a session set is new", plain.reused, false);
    await d.call("ssl_shutdown", { ssl: third });
    await d.call("ssl_free", { ssl: third });

    const { freed } = await d.call("session_free", { session: last });
    ctx.expect.equal("GS-3", "one SSL_SESSION_free frees the kept session", freed, true);
    ctx.note(
      `FFI client ${ctx.clientBuild.id} against s_server ${ctx.serverBuild.id}: ` +
        `tickets read in one read_tcp call (timed out: ${read.timedOut})`,
    );
    await server.stop();
  },
});
