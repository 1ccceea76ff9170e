import { defineScenario } from "../../mod.ts";
import { expectAbbreviatedHandshake } from "../_abbreviated_handshake.ts";

/**
 * SSL_set_session(3): "SSL_set_session() sets session to be used when the TLS/SSL connection is
 * to be established." and "SSL_session_reused() can be used to check whether a session was
 * reused."
 *
 * `s_client -sess_in` calls SSL_set_session() with the file's session; against the server that
 * issued the TLS 1.3 ticket, the connection resumes ("Reused,") and sends no certificate (far
 * fewer bytes read); without -sess_in it is "New,".
 */
export default defineScenario({
  name: "set_session/tls13_sess_in_resumes",
  quote:
    "SSL_set_session() sets session to be used when the TLS/SSL connection is to be established.",
  claims: ["SS-1", "SS-4"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls13"],
  mutants: ["full_handshakes", "wrong_session", "faked_resumption"],
  async run(ctx) {
    const server = await ctx.sServer({ tls: "1.3", numTickets: 1 });
    const first = await ctx.sClient(server, { sessOut: "s.pem" });
    ctx.expect.equal("SS-4", "without a session the connection is new", first.reused, false);
    ctx.expect.equal("SS-1", "it wrote a session file", first.sessionFileState, "present");
    const second = await ctx.sClient(server, { sessIn: "s.pem" });
    ctx.expect.equal("SS-1", "with the session set the connection resumes", second.reused, true);
    await expectAbbreviatedHandshake(ctx, "SS-4", first, second);
    const third = await ctx.sClient(server, {});
    ctx.expect.equal(
      "SS-4",
      "a later connection without -sess_in is new again",
      third.reused,
      false,
    );
  },
});
