import { claimQuotes, defineScenario } from "../../mod.ts";

const CLAIMS = ["TO-11"];

/** How long the scenario waits for a 1 s ticket to expire. */
const WAIT_MS = 2500;

/**
 * TLS 1.2 tickets in memory, two servers: one issues its ticket with SSL_CTX_set_timeout(1) and
 * then sets 7200, the other issues with 7200 and then sets 1. After 2.5 s the client of the
 * first presents its ticket (its own session's timeout extended to 10^6 s first: the client
 * cannot make it valid) and gets a full handshake; the client of the second resumes. So the
 * server judged each ticket by the timeout inside it, not its context's current one.
 *
 * It fails if the expired ticket resumed, or the valid one did not.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api", "tickets", "tls12"],
  requires: ["api"],
  mutants: ["ctx_timeout_ignored"],
  async run(ctx) {
    const cases = [
      { issued: 1, later: 7200, resumes: false },
      { issued: 7200, later: 1, resumes: true },
    ];
    const held = [];
    for (const { issued, later } of cases) {
      const pair = await ctx.ffiPair({ tls: "1.2", serverTimeout: issued });
      const conn = await pair.connect();
      const session = pair.expectSession(
        "TO-11",
        `ticket issued with ${issued} s: the client has a session`,
        await pair.call("get_session", { ssl: conn.client, variant: "get1" }),
      );
      ctx.expect.equal(
        "TO-11",
        `ticket issued with ${issued} s: its lifetime hint says so`,
        (await pair.call("session_info", { session })).ticketLifetimeHint,
        issued,
      );
      await pair.call("shutdown", { client: conn.client, server: conn.server });
      await pair.call("ctx_set_timeout", { ctx: pair.serverCtx, seconds: later });
      await pair.call("session_set_timeout", { session, seconds: 1_000_000 });
      held.push({ pair, session });
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    for (const [i, { issued, later, resumes }] of cases.entries()) {
      const { pair, session } = held[i];
      ctx.expect.equal(
        "TO-11",
        `ticket issued with ${issued} s, server now at ${later} s, ${WAIT_MS} ms later: ${
          resumes ? "resumes" : "full handshake"
        }`,
        (await pair.connect({ session })).reused,
        resumes,
      );
      await pair.call("session_free", { session });
    }
  },
});
