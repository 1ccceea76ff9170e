import { claimQuotes, defineScenario } from "../../mod.ts";

const CLAIMS = ["TO-10", "TO-12", "TO-13"];

/** RFC 8446's cap on a TLS 1.3 ticket lifetime, in seconds (one week). */
const WEEK = 604_800;

/**
 * In memory, stateless tickets (the default): the client session's
 * SSL_SESSION_get_ticket_lifetime_hint is the server context's SSL_CTX_set_timeout, under TLS 1.2
 * and TLS 1.3, for a timeout of 4321 s. With a timeout of 10^7 s (over a week) a TLS 1.2 initial
 * handshake's ticket still says 10^7, a TLS 1.3 one says 604800.
 *
 * It fails if a hint is not the server's timeout, or the TLS 1.3 cap is missing or applied to
 * TLS 1.2.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api", "tickets"],
  requires: ["api"],
  mutants: ["ctx_timeout_ignored"],
  async run(ctx) {
    const cases = [
      { tls: "1.2", timeout: 4321, hint: 4321, claim: "TO-10" },
      { tls: "1.3", timeout: 4321, hint: 4321, claim: "TO-10" },
      { tls: "1.2", timeout: 10_000_000, hint: 10_000_000, claim: "TO-13" },
      { tls: "1.3", timeout: 10_000_000, hint: WEEK, claim: "TO-12" },
    ] as const;
    for (const { tls, timeout, hint, claim } of cases) {
      const pair = await ctx.ffiPair({ tls, serverTimeout: timeout });
      const conn = await pair.connect();
      const session = pair.expectSession(
        claim,
        `TLS ${tls}, server timeout ${timeout} s: the client has a session`,
        await pair.call("get_session", { ssl: conn.client }),
      );
      const info = await pair.call("session_info", { session });
      ctx.expect.equal(
        claim,
        `TLS ${tls}, server timeout ${timeout} s: the ticket's lifetime hint is ${hint} s`,
        [info.hasTicket, info.ticketLifetimeHint],
        [true, hint],
      );
    }
  },
});
