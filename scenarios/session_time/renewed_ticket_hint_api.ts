import { claimQuotes, defineScenario } from "../../mod.ts";

const CLAIMS = ["TO-14"];

/** The server context's SSL_CTX_set_timeout. */
const SERVER_TIMEOUT = 4321;

/**
 * TLS 1.2 tickets in memory, the server's ticket keys from a ticket key callback that asks for
 * renewal (returns 2) whenever it decrypts a ticket, so a resumed handshake issues a new ticket
 * (the resumed client session's ticket bytes change; a TLS 1.2 client calls no new-session
 * callback on resumption). The initial ticket's hint is the server's 4321 s; the resumed
 * client session, holding the new ticket, is then read for its hint, expected 0. Control:
 * without renewal the resumed session keeps the old ticket.
 *
 * It fails if no ticket was issued on renewal (or one without it), or the renewed ticket's hint
 * is not 0.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api", "tickets", "tls12"],
  requires: ["api"],
  mutants: ["ctx_timeout_ignored"],
  async run(ctx) {
    for (const renew of [false, true]) {
      const pair = await ctx.ffiPair({ tls: "1.2", serverTimeout: SERVER_TIMEOUT });
      const { rc } = await pair.call("ctx_ticket_keys", { ctx: pair.serverCtx, renew });
      ctx.expect.equal("TO-14", "the ticket key callback is installed", rc, 1);
      const first = await pair.connect();
      const initial = pair.expectSession(
        "TO-14",
        "the client has a session",
        await pair.call("get_session", { ssl: first.client, variant: "get1" }),
      );
      ctx.expect.equal(
        "TO-14",
        `renew ${renew}: the initial handshake's ticket hint is the server's timeout`,
        (await pair.call("session_info", { session: initial })).ticketLifetimeHint,
        SERVER_TIMEOUT,
      );
      await pair.call("shutdown", { client: first.client, server: first.server });
      const ticketOf = async (session: number) =>
        (await pair.call("session_get0", { session, field: "ticket" })).value;
      const oldTicket = await ticketOf(initial);
      const resumed = await pair.connect({ session: initial });
      ctx.expect.equal("TO-14", `renew ${renew}: the ticket resumes`, resumed.reused, true);
      const current = pair.expectSession(
        "TO-14",
        `renew ${renew}: the resumed connection has a session`,
        await pair.call("get_session", { ssl: resumed.client }),
      );
      ctx.expect.equal(
        "TO-14",
        `renew ${renew}: the resumed handshake ${
          renew ? "issues a new ticket" : "issues none"
        } (the client session's ticket ${renew ? "changed" : "is the same"})`,
        (await ticketOf(current)) !== oldTicket,
        renew,
      );
      if (renew) {
        const info = await pair.call("session_info", { session: current });
        ctx.note(`renewed ticket: hasTicket ${info.hasTicket}, hint ${info.ticketLifetimeHint}`);
        ctx.expect.equal(
          "TO-14",
          "the ticket generated during the resumed handshake has a lifetime hint of 0",
          info.ticketLifetimeHint,
          0,
        );
      }
      await pair.call("session_free", { session: initial });
    }
  },
});
