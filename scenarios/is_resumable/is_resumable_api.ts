import { claimQuotes, defineScenario, expectSession } from "../../mod.ts";

const CLAIMS = ["IR-1", "IR-2", "IR-3", "IR-4"];

/**
 * In memory. A blank SSL_SESSION_new session is not resumable (0). TLS 1.3: the client's session
 * before the ticket is read is not resumable, and a connection given it (SSL_set_session may
 * refuse it already) makes a full handshake;
 * the session the ticket establishes is (1), and a connection given it resumes. TLS 1.2 with
 * session IDs: the server's session is resumable while cached, and not once
 * SSL_CTX_remove_session took it out of the cache (OpenSSL marks a removed session
 * not-resumable), so a client given its copy makes a full handshake.
 *
 * It fails if a session that cannot resume were reported resumable, or the reverse, or the
 * non-resumable session resumed.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api"],
  requires: ["api"],
  mutants: ["resumable_always_1", "tickets_unread"],
  async run(ctx) {
    const d = await ctx.ffi();
    const blank = expectSession(ctx.expect, "IR-2", "SSL_SESSION_new returns a session", {
      session: (await d.call("session_new", {})).session,
    });
    ctx.expect.equal(
      "IR-2",
      "a blank session cannot resume: 0",
      (await d.call("session_is_resumable", { session: blank })).resumable,
      false,
    );
    await d.call("session_free", { session: blank });

    const tls13 = await ctx.ffiPair({ tls: "1.3", numTickets: 1 });
    const conn = await tls13.connect({ readTickets: false });
    const early = expectSession(
      ctx.expect,
      "IR-1",
      "TLS 1.3: before the ticket the client has a session",
      await d.call("get_session", { ssl: conn.client, variant: "get1" }),
    );
    ctx.expect.equal(
      "IR-1",
      "TLS 1.3: before the ticket it cannot be used to resume",
      (await d.call("session_is_resumable", { session: early })).resumable,
      false,
    );
    // The attempt: SSL_set_session may already refuse it (wolfSSL: 0); either way the
    // handshake that follows must be a full one.
    const attempt = await tls13.newSsls();
    const set = await d.call("set_session", { ssl: attempt.client, session: early });
    ctx.note(`TLS 1.3: SSL_set_session of the session before its ticket returned ${set.rc}`);
    const full = await d.call("handshake", { ...attempt, readTickets: true });
    ctx.expect.equal(
      "IR-3",
      "TLS 1.3: a connection given that session makes a full handshake",
      full.clientReused,
      false,
    );
    await d.call("read_tickets", { client: conn.client, server: conn.server });
    const ticket = expectSession(
      ctx.expect,
      "IR-1",
      "TLS 1.3: after the ticket the client has a session",
      await d.call("get_session", { ssl: conn.client, variant: "get1" }),
    );
    ctx.expect.equal(
      "IR-4",
      "TLS 1.3: the ticket's session is resumable: 1",
      (await d.call("session_is_resumable", { session: ticket })).resumable,
      true,
    );
    ctx.expect.equal(
      "IR-1",
      "TLS 1.3: a connection given it resumes",
      (await tls13.connect({ session: ticket })).reused,
      true,
    );
    await d.call("session_free", { session: early });
    await d.call("session_free", { session: ticket });

    const tls12 = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const c12 = await tls12.connect();
    await d.call("shutdown", { client: c12.client, server: c12.server });
    const cached = expectSession(
      ctx.expect,
      "IR-4",
      "TLS 1.2: the server has a session",
      await d.call("get_session", { ssl: c12.server }),
    );
    const copy = expectSession(
      ctx.expect,
      "IR-3",
      "TLS 1.2: the client keeps its copy",
      await d.call("get_session", { ssl: c12.client, variant: "get1" }),
    );
    ctx.expect.equal(
      "IR-4",
      "TLS 1.2: the cached server session is resumable",
      (await d.call("session_is_resumable", { session: cached })).resumable,
      true,
    );
    const removed = await d.call("ctx_remove_session", { ctx: tls12.serverCtx, session: cached });
    ctx.expect.equal("IR-4", "TLS 1.2: SSL_CTX_remove_session removed it", removed.rc, 1);
    ctx.expect.equal(
      "IR-4",
      "TLS 1.2: once removed it is not resumable: 0",
      (await d.call("session_is_resumable", { session: cached })).resumable,
      false,
    );
    ctx.expect.equal(
      "IR-3",
      "TLS 1.2: the client's copy now gets a full handshake",
      (await tls12.connect({ session: copy })).reused,
      false,
    );
    await d.call("session_free", { session: copy });
  },
});
