import { defineScenario } from "../../mod.ts";
import { expectAbbreviatedHandshake } from "../_abbreviated_handshake.ts";

/**
 * TLS 1.2 with a session ticket (RFC 5077): the `-sess_out` file carries the ticket, and it alone
 * resumes the next connection. Signals: "Reused,", far fewer handshake bytes, and the ticket in
 * the file equals the ticket the first connection printed.
 */
export default defineScenario({
  quote: "In TLSv1.2 and below, the session contains all information necessary to re-establish " +
    "the connection without a full handshake.",
  claims: ["GS-6", "SS-1", "SS-4"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls12", "tickets"],
  mutants: ["no_tickets", "full_handshakes", "corrupt_session_file", "faked_resumption"],
  async run(ctx) {
    const server = await ctx.sServer({ tls: "1.2" });
    const first = await ctx.sClient(server, { sessOut: "first.pem" });
    ctx.expect.equal("SS-4", "first connection is new", first.reused, false);
    ctx.expect.ok(
      "GS-6",
      "the session file holds a ticket",
      (first.session?.ticket?.length ?? 0) > 0,
      first.session?.ticket,
    );
    ctx.expect.equal(
      "GS-6",
      "the file's ticket is the one s_client printed",
      first.session?.ticket,
      first.transcript.first?.summarySession?.ticket,
    );
    const second = await ctx.sClient(server, { sessIn: "first.pem" });
    ctx.expect.equal("SS-1", "the connection given the ticket resumes", second.reused, true);
    await expectAbbreviatedHandshake(ctx, "GS-6", first, second);
  },
});
