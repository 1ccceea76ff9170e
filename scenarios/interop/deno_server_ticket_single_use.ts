import { defineScenario } from "../../mod.ts";
import { recordMeasured } from "./_measured.ts";

/**
 * Measured: refused. Deno's server uses rustls' defaults (no ticket encryption key, a
 * server-side session cache), so a TLS 1.3 ticket is a key into that cache and resuming with it
 * takes the entry out. The first use of a session file resumes (the control), the second use
 * of the same file falls back to a full handshake ("New,", certificate sent). The resumed
 * connection got fresh tickets, and its own session file resumes: the refusal is about the
 * ticket, not a server that stopped resuming.
 *
 * Fails when the second use resumes (a stateless or reusable ticket, e.g. a rustls `ticketer`),
 * when the first use does not (no resumption at all), or when the resumed connection's fresh
 * ticket does not resume.
 */
export default defineScenario({
  quote: "In TLSv1.3 it is recommended that each SSL_SESSION object is only used for resumption " +
    "once.",
  claims: ["DT-2", "GS-13"],
  tags: ["deno", "interop", "cli", "tls13", "tickets"],
  requires: ["cli-client:openssl", "session-file:openssl-pem"],
  mutants: ["wrong_session"],
  async run(ctx) {
    const server = await ctx.denoServer();
    const issued = await ctx.sClient(server, { sessOut: "ticket.pem" });
    ctx.expect.equal("DT-2", "a ticket was issued", issued.sessionFileState, "present");

    const first = await ctx.sClient(server, { sessIn: "ticket.pem", sessOut: "renewed.pem" });
    const second = await ctx.sClient(server, { sessIn: "ticket.pem" });
    recordMeasured(ctx, "firstUse", first.reused ?? null);
    recordMeasured(ctx, "secondUse", second.reused ?? null);
    ctx.expect.equal("DT-2", "the first use of the ticket resumes", first.reused, true);
    ctx.expect.equal("DT-2", "the second use still completes a handshake", second.handshake, true);
    ctx.expect.equal(
      "GS-13",
      "the second use of the same ticket is refused (a full handshake)",
      second.reused,
      false,
    );
    ctx.expect.equal(
      "GS-13",
      "the refused connection shows the server's certificate (full handshake)",
      second.transcript.first?.certificateChain,
      true,
    );

    ctx.expect.equal(
      "DT-2",
      "the resumed connection got 2 fresh tickets",
      first.transcript.tickets.length,
      2,
    );
    const renewed = await ctx.sClient(server, { sessIn: "renewed.pem" });
    recordMeasured(ctx, "renewedResumes", renewed.reused ?? null);
    ctx.expect.equal(
      "DT-2",
      "the fresh ticket from the resumed connection resumes",
      renewed.reused,
      true,
    );
  },
});
