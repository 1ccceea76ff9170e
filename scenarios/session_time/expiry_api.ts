import { claimQuotes, defineScenario } from "../../mod.ts";

const CLAIMS = ["TO-3", "TO-7", "TO-8", "ST-8"];

/** How long before now the server's session is said to have been made. */
const AGE = 100_000;

/**
 * TLS 1.2 with session IDs in memory: the server's cache holds the session (the same object
 * SSL_get_session returns on the server). Each case uses a new pair, so a fresh cache:
 * - control: the client's session resumes;
 * - shortened: the server's session's creation time set 100 000 s back (past the 7200 s
 *   default timeout) → a full handshake;
 * - extended: the same, and its timeout set to 10^6 s → it resumes;
 * - flushed: the aged session stays in the cache (SSL_CTX_sess_number 1) until
 *   SSL_CTX_flush_sessions at the current time removes it (0); a session not aged survives the
 *   same flush.
 *
 * It fails if an expired session were reused, an extended one not, or a flush left an expired
 * session or removed a valid one.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api", "tls12"],
  requires: ["api"],
  mutants: ["set_time_noop", "set_timeout_noop", "flush_noop"],
  async run(ctx) {
    const cases = ["control", "shortened", "extended", "flushed", "kept"] as const;
    for (const kase of cases) {
      const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true });
      const conn = await pair.connect();
      await pair.call("shutdown", { client: conn.client, server: conn.server });
      const mine = pair.expectSession(
        "TO-3",
        `${kase}: the client keeps its session`,
        await pair.call("get_session", { ssl: conn.client, variant: "get1" }),
      );
      const cached = pair.expectSession(
        "TO-3",
        `${kase}: the server has a session`,
        await pair.call("get_session", { ssl: conn.server }),
      );
      const now = Math.floor(Date.now() / 1000);
      if (kase !== "control" && kase !== "kept") {
        await pair.call("session_set_time", { session: cached, time: now - AGE });
      }
      if (kase === "extended") {
        await pair.call("session_set_timeout", { session: cached, seconds: 1_000_000 });
      }
      if (kase === "flushed" || kase === "kept") {
        const count = async () =>
          (await pair.call("ctx_sess_number", { ctx: pair.serverCtx })).count;
        ctx.expect.equal("TO-8", `${kase}: the cache holds the session`, await count(), 1);
        await pair.call("ctx_flush_sessions", { ctx: pair.serverCtx, time: now });
        ctx.expect.equal(
          "TO-8",
          kase === "flushed"
            ? "an expired session is removed by SSL_CTX_flush_sessions"
            : "a session not expired stays through the same flush",
          await count(),
          kase === "flushed" ? 0 : 1,
        );
      } else {
        const reused = (await pair.connect({ session: mine })).reused;
        const expectations: Record<typeof kase, [string, string, boolean]> = {
          control: ["TO-3", "a session within its timeout is reused", true],
          shortened: ["ST-8", "a lifetime shortened past now: not reused (full handshake)", false],
          extended: ["TO-7", "the same session with its timeout extended is reused", true],
        };
        const [claim, what, expected] = expectations[kase];
        ctx.expect.equal(claim, `${kase}: ${what}`, reused, expected);
        if (kase === "shortened") {
          ctx.expect.equal(
            "TO-3",
            "later than creation time plus timeout: the session is not reused",
            reused,
            false,
          );
        }
        if (kase === "extended") {
          ctx.expect.equal("ST-8", "extended: the lifetime was extended", reused, true);
        }
      }
      await pair.call("session_free", { session: mine });
    }
  },
});
