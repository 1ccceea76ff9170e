import { defineScenario } from "../../mod.ts";
import { expectAbbreviatedHandshake } from "../_abbreviated_handshake.ts";

/**
 * TLS 1.2 with session IDs only (`-no_ticket`): the `-sess_out` file of one connection is enough
 * to resume the next. Three independent signals: the client's "Reused," line, the server's
 * "Reused session-id" line, and far fewer handshake bytes read (no certificate is sent); the
 * session file's Session-ID is the one the resumed connection prints. Variants: `-no_ticket` on
 * the server (it sends no ticket) or on the client (it does not ask for one; both of its
 * connections), either way a session-ID resumption.
 */
export default defineScenario({
  quote: "In TLSv1.2 and below, the session contains all information necessary to re-establish " +
    "the connection without a full handshake.",
  claims: ["GS-6", "SS-1", "SS-4"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls12"],
  mutants: ["full_handshakes", "wrong_session", "empty_session_file", "faked_resumption"],
  variants: { no_ticket: ["server", "client"] },
  async run(ctx) {
    const onClient = ctx.variant.no_ticket === "client";
    const server = await ctx.sServer({ tls: "1.2", noTicket: !onClient });
    const first = await ctx.sClient(server, { sessOut: "first.pem", noTicket: onClient });
    ctx.expect.equal("SS-4", "first connection is new", first.reused, false);
    ctx.expect.equal("GS-6", "the session file holds a session", first.sessionFileState, "present");
    ctx.expect.equal("GS-6", "a session ID, not a ticket", first.session?.ticket, undefined);
    const second = await ctx.sClient(server, { sessIn: "first.pem", noTicket: onClient });
    ctx.expect.equal(
      "SS-1",
      "the connection given the session with -sess_in resumes",
      second.reused,
      true,
    );
    ctx.expect.ok(
      "SS-4",
      "the server also says the session was reused",
      second.serverLines.includes("Reused session-id"),
      second.serverLines,
    );
    await expectAbbreviatedHandshake(ctx, "GS-6", first, second);
    ctx.expect.equal(
      "GS-6",
      "the resumed connection uses the session ID from the file",
      second.transcript.first?.summarySession?.sessionId,
      first.session?.sessionId,
    );
  },
});
