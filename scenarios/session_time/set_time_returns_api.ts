import { claimQuotes, defineScenario, expectSession } from "../../mod.ts";

const CLAIMS = ["ST-10"];

/**
 * On a blank SSL_SESSION_new session, SSL_SESSION_set_timeout(77) and SSL_SESSION_set_time
 * (the function of that name, not `_ex`) of a time in the past: each changes what its getter
 * reads, and its return value is compared with the page's 1.
 *
 * It fails if a setter did not set its value, or returned something other than 1.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api"],
  requires: ["api"],
  mutants: ["set_time_noop", "set_timeout_noop"],
  async run(ctx) {
    const d = await ctx.ffi();
    const session = expectSession(ctx.expect, "ST-10", "SSL_SESSION_new returns a session", {
      session: (await d.call("session_new", {})).session,
    });
    const t0 = 1_700_000_000;
    const calls = [
      { set: "SSL_SESSION_set_timeout", get: "SSL_SESSION_get_timeout", value: 77 },
      { set: "SSL_SESSION_set_time", get: "SSL_SESSION_get_time", value: t0 },
    ] as const;
    const returned: number[] = [];
    for (const { set, get, value } of calls) {
      returned.push((await d.call("session_time_call", { function: set, session, value })).rc);
      ctx.expect.equal(
        "ST-10",
        `${set}(${value}) succeeded: ${get} reads ${value}`,
        (await d.call("session_time_call", { function: get, session })).rc,
        value,
      );
    }
    ctx.expect.equal(
      "ST-10",
      "SSL_SESSION_set_timeout and SSL_SESSION_set_time return 1 on success",
      returned,
      [1, 1],
    );
    await d.call("session_free", { session });
  },
});
