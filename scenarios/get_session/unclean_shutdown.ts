import { defineScenario } from "../../mod.ts";

/**
 * SSL_get_session(3): "A session will be automatically removed from the session cache and
 * marked as non-resumable if the connection is not closed down cleanly, e.g. if a fatal error
 * occurs on the connection or SSL_shutdown(3) is not called prior to SSL_free(3)."
 *
 * Seen from the server: the client is killed (SIGKILL, no close_notify) after it has its
 * session; then another client offers that session. Control: a clean close, same server kind,
 * resumes. Checked on the TLS 1.2 session cache (session IDs) and on TLS 1.3 stateful tickets
 * (`-no_ticket` makes OpenSSL's TLS 1.3 tickets refer to its cache).
 */
export default defineScenario({
  name: "get_session/unclean_shutdown",
  quote: "A session will be automatically removed from the session cache and marked as " +
    "non-resumable if the connection is not closed down cleanly.",
  claims: ["GS-12"],
  tags: ["cli", "tls12", "tls13"],
  mutants: ["ignore_unexpected_eof"],
  async run(ctx) {
    for (const tls of ["1.2", "1.3"] as const) {
      const server = await ctx.sServer({
        tls,
        noTicket: true,
        numTickets: tls === "1.3" ? 1 : undefined,
      });
      const clean = await ctx.sClient(server, { sessOut: `clean-${tls}.pem` });
      const cleanAgain = await ctx.sClient(server, { sessIn: `clean-${tls}.pem` });
      ctx.expect.equal(
        "GS-12",
        `TLS ${tls}: control: after a clean close the session resumes`,
        cleanAgain.reused,
        true,
      );

      const killed = await ctx.sClient(server, { sessOut: `killed-${tls}.pem`, close: "kill" });
      ctx.expect.equal(
        "GS-12",
        `TLS ${tls}: the killed client had a session`,
        killed.sessionFileState,
        "present",
      );
      const afterKill = await ctx.sClient(server, { sessIn: `killed-${tls}.pem` });
      ctx.expect.equal(
        "GS-12",
        `TLS ${tls}: after an unclean end the session is not resumed`,
        afterKill.reused,
        false,
      );
      ctx.note(
        `TLS ${tls}: clean close then resume: ${
          clean.reused === false ? "New" : "?"
        } -> Reused; killed -> ${afterKill.reused ? "Reused" : "New"}`,
      );
      await server.stop();
    }
  },
});
