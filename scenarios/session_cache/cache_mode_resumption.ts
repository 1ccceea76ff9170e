import { defineScenario } from "../../mod.ts";

/**
 * TLS 1.2 without tickets, so a resumption can only come from s_server's internal cache. The
 * session file of a first connection, offered with `-sess_in`: to the same server "Reused,"; to
 * a second server (same certificate, empty cache) "New,". A server with `-no_cache` keeps no
 * session, so it sends an empty session ID and s_client has nothing resumable to write to
 * `-sess_out`.
 *
 * - `end`: how the first connection ends. Whether the session is "found" depends on it: an end
 *   without close_notify (SIGKILL, SIGTERM, `-quiet` ended by the harness) removes the session
 *   from the cache (GS-12), so the same server then starts a full handshake. The other servers'
 *   checks do not depend on the end and run with the clean one.
 */
export default defineScenario({
  quote: "If the session is found, the server will try to reuse the session. The server then " +
    "either agrees to reuse the session or it starts a full handshake (to create a new session).",
  claims: ["CM-3", "CM-4", "CM-8", "GS-12"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "cache", "tls12"],
  mutants: ["full_handshakes"],
  variants: { end: ["clean", "sigkill", "sigterm", "quiet"] },
  // An unclean end must cost the session: a server that counts it as clean keeps it.
  mutantsFor: (v) => v.end === "clean" ? ["full_handshakes"] : ["ignore_unexpected_eof"],
  async run(ctx) {
    const { end } = ctx.variant;
    const server = await ctx.sServer({ tls: "1.2", noTicket: true });
    const first = await ctx.sClient(server, {
      sessOut: "s.pem",
      close: end === "clean" ? "clean" : end === "sigkill" ? "kill" : "term",
      quiet: end === "quiet",
    });
    // `-quiet` prints no handshake line: its connection shows by the data that got through.
    if (end !== "quiet") {
      ctx.expect.equal("CM-8", "the first connection is new", first.reused, false);
    }
    ctx.expect.equal("CM-8", "its connection got data through", first.handshake, true);
    ctx.expect.equal("CM-8", "the client saved its session", first.sessionFileState, "present");
    const again = await ctx.sClient(server, { sessIn: "s.pem" });
    if (end === "clean") {
      ctx.expect.equal("CM-8", "the same server finds and reuses the session", again.reused, true);
    } else {
      ctx.expect.equal(
        "GS-12",
        `after a ${end} end the same server no longer finds the session: a full handshake`,
        again.reused,
        false,
      );
      return;
    }
    const other = await ctx.sServer({ tls: "1.2", noTicket: true });
    const elsewhere = await ctx.sClient(other, { sessIn: "s.pem" });
    ctx.expect.equal(
      "CM-3",
      "a server without the session starts a full handshake",
      elsewhere.reused,
      false,
    );
    const noCache = await ctx.sServer({ tls: "1.2", noTicket: true, noCache: true });
    const uncached = await ctx.sClient(noCache, { sessOut: "n.pem" });
    ctx.expect.equal(
      "CM-4",
      "-no_cache: the server gives no session ID, so the client saves no session",
      [uncached.reused, uncached.sessionFileState],
      [false, "absent"],
    );
  },
});
