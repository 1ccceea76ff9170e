import { claimQuotes, defineScenario, tlsVersion, toHex } from "../../mod.ts";
import { decodedSession } from "./_decoded_api.ts";

const CLAIMS = ["TK-1", "TK-2", "TK-3", "TK-4", "TK-5", "TK-6", "TK-7"];

/** The server's SSL_CTX_set_timeout: what its tickets' lifetime hint says. */
const SERVER_TIMEOUT = 4321;

/**
 * In memory, a server whose session timeout is 4321 s: under TLS 1.2 with tickets and under
 * TLS 1.3, the client's session has a ticket (SSL_SESSION_has_ticket 1), SSL_SESSION_get0_ticket
 * gives its length and bytes, which are the ticket in the session's i2d DER (decoded by the
 * harness's codec), with `tick` NULL it writes only the length, and the lifetime hint is the
 * server's 4321 s. Under TLS 1.2 with SSL_OP_NO_TICKET (session IDs), and on the server's
 * session, there is no ticket: 0, length 0, hint 0.
 *
 * It fails if a ticket the session holds is not reported, or one is reported where there is none.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api", "tickets"],
  // The DER witness is the harness codec of OpenSSL's SSL_SESSION encoding.
  requires: ["api", "session-file:openssl-pem"],
  // TLS 1.3 has no session-ID resumption: the three modes, not the product.
  variants: [
    { tls: "tls1.2", resumption: "ticket" },
    { tls: "tls1.2", resumption: "session-id" },
    { tls: "tls1.3", resumption: "ticket" },
  ],
  mutants: ["has_ticket_0", "ticket_len_only", "has_ticket_1"],
  // A session without a ticket has nothing for has_ticket_0 or ticket_len_only to remove.
  mutantsFor: (v) =>
    v.resumption === "session-id"
      ? ["has_ticket_1"]
      : ["has_ticket_0", "ticket_len_only", "has_ticket_1"],
  async run(ctx) {
    const { tls: protocol, resumption } = ctx.variant;
    const tls = tlsVersion(protocol);
    const noTicket = resumption === "session-id";
    const pair = await ctx.ffiPair({ tls, noTicket, serverTimeout: SERVER_TIMEOUT });
    const conn = await pair.connect();
    for (const end of ["client", "server"] as const) {
      const session = pair.expectSession(
        "TK-1",
        `the ${end} has a session`,
        await pair.call("get_session", { ssl: conn[end] }),
      );
      const expected = end === "client" && !noTicket;
      const decoded = await decodedSession(pair.driver, session);
      const has = (await pair.call("session_get0", { session, field: "has_ticket" })).value;
      ctx.expect.equal(
        expected ? "TK-1" : "TK-6",
        `the ${end} session ${expected ? "has" : "has no"} ticket`,
        has,
        expected ? 1 : 0,
      );
      const ticket = await pair.call("session_get0", { session, field: "ticket" });
      ctx.expect.equal(
        "TK-3",
        `get0_ticket gives the ${end} session's ticket (its DER's)`,
        ticket.value,
        decoded.ticket ? toHex(decoded.ticket) : null,
      );
      ctx.expect.equal(
        "TK-4",
        `and its length`,
        ticket.length,
        decoded.ticket?.length ?? 0,
      );
      const lenOnly = await pair.call("session_get0", {
        session,
        field: "ticket",
        tickNull: true,
      });
      ctx.expect.equal(
        "TK-5",
        `with tick NULL only the length is written`,
        lenOnly.length,
        ticket.length,
      );
      const hint = await pair.call("session_get0", { session, field: "ticket_lifetime_hint" });
      ctx.expect.equal(
        expected ? "TK-2" : "TK-7",
        `the ${end} session's lifetime hint is ${expected ? SERVER_TIMEOUT : 0} s`,
        hint.value,
        expected ? SERVER_TIMEOUT : 0,
      );
    }
  },
});
