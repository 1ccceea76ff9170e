import { defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

/**
 * Seen from the server: the client is killed (SIGKILL, no close_notify) after it has its
 * session; then another client offers that session. Control: a clean close, same server kind,
 * resumes. Checked on the TLS 1.2 session cache (session IDs) and on TLS 1.3 stateful tickets
 * (`-no_ticket` makes OpenSSL's TLS 1.3 tickets refer to its cache).
 */
export default defineScenario({
  quote: "A session will be automatically removed from the session cache and marked as " +
    "non-resumable if the connection is not closed down cleanly.",
  claims: ["GS-12"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls12", "tls13"],
  mutants: ["ignore_unexpected_eof"],
  variants: { tls: TLS_VARIANTS },
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const server = await ctx.sServer({
      tls,
      noTicket: true,
      numTickets: tls === "1.3" ? 1 : undefined,
    });
    const clean = await ctx.sClient(server, { sessOut: "clean.pem" });
    const cleanAgain = await ctx.sClient(server, { sessIn: "clean.pem" });
    ctx.expect.equal(
      "GS-12",
      "control: after a clean close the session resumes",
      cleanAgain.reused,
      true,
    );

    const killed = await ctx.sClient(server, { sessOut: "killed.pem", close: "kill" });
    ctx.expect.equal(
      "GS-12",
      "the killed client had a session",
      killed.sessionFileState,
      "present",
    );
    const afterKill = await ctx.sClient(server, { sessIn: "killed.pem" });
    ctx.expect.equal(
      "GS-12",
      "after an unclean end the session is not resumed",
      afterKill.reused,
      false,
    );
    ctx.note(
      `clean close then resume: ${clean.reused === false ? "New" : "?"} -> Reused; killed -> ${
        afterKill.reused ? "Reused" : "New"
      }`,
    );
    await server.stop();
  },
});
