import { defineScenario } from "../../mod.ts";

/**
 * TLS 1.2 without tickets, so a resumption can only come from s_server's internal cache. The
 * session file of a first connection, offered with `-sess_in`: to the same server "Reused,"; to
 * a second server (same certificate, empty cache) "New,". A server with `-no_cache` keeps no
 * session, so it sends an empty session ID and s_client has nothing resumable to write to
 * `-sess_out`.
 */
export default defineScenario({
  quote: "If the session is found, the server will try to reuse the session. The server then " +
    "either agrees to reuse the session or it starts a full handshake (to create a new session).",
  claims: ["CM-3", "CM-4", "CM-8"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "cache", "tls12"],
  mutants: ["full_handshakes"],
  async run(ctx) {
    const server = await ctx.sServer({ tls: "1.2", noTicket: true });
    const first = await ctx.sClient(server, { sessOut: "s.pem" });
    ctx.expect.equal("CM-8", "the first connection is new", first.reused, false);
    const again = await ctx.sClient(server, { sessIn: "s.pem" });
    ctx.expect.equal("CM-8", "the same server finds and reuses the session", again.reused, true);
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
