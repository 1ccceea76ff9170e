import { defineScenario } from "../../mod.ts";

/**
 * SSL_set_session(3), RETURN VALUES: "0 The operation failed; check the error stack to find
 * out the reason. 1 The operation succeeded."
 *
 * Success is 1: for a real session (then the connection resumes, so it did succeed), for a
 * blank SSL_SESSION_new session, for NULL (clearing), and when replacing a session already
 * set. The failure path (0) is not reachable through the public API on a TLS SSL in these
 * builds: SSL_set_session fails only when it cannot switch the SSL to its context's method
 * (or, from 3.2 on, for a QUIC object); recorded as a note, not checked.
 *
 * It fails if any of these successful calls returned something other than 1, or if a
 * "successful" set_session did not lead to resumption.
 */
export default defineScenario({
  quote: "SSL_set_session() returns 1 if the operation succeeded, 0 if it failed.",
  claims: ["SS-6"],
  tags: ["ffi", "api", "tls12"],
  requires: ["api"],
  mutants: ["set_session_noop"],
  async run(ctx) {
    const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const real = await pair.keptSession("SS-6");
    const blank = (await pair.call("session_new", {})).session!;
    const ssls = await pair.newSsls();
    const steps: [string, number | null][] = [
      ["a blank SSL_SESSION_new session", blank],
      ["NULL", null],
      ["a handshake's session, replacing nothing", real],
      ["the blank session again, replacing it", blank],
      ["the handshake's session once more", real],
    ];
    for (const [label, session] of steps) {
      const { rc } = await pair.call("set_session", { ssl: ssls.client, session });
      ctx.expect.equal("SS-6", `set_session(${label}) returns 1`, rc, 1);
    }
    const hs = await pair.call("handshake", { client: ssls.client, server: ssls.server });
    ctx.expect.equal(
      "SS-6",
      "the session set last is used: the connection resumes",
      hs.clientReused,
      true,
    );
    ctx.note("SSL_set_session's 0 (failure) is not reachable for a TLS SSL through the API");
    await pair.call("session_free", { session: real });
    await pair.call("session_free", { session: blank });
  },
});
