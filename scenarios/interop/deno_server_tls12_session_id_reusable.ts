import { defineScenario } from "../../mod.ts";
import { expectAbbreviatedHandshake } from "../_abbreviated_handshake.ts";
import { recordMeasured } from "./_measured.ts";

/**
 * With a server that is not OpenSSL; also DT-2's other half: where a Deno server's sessions are
 * not single-use.
 *
 * Deno's TLS API has no protocol-version option, but rustls enables TLS 1.2 as well, so
 * `s_client -tls1_2` forces it. The Deno server issues no TLS 1.2 ticket (rustls has no ticket
 * key by default): the session file holds a 32-byte session ID and no ticket, and that session
 * ID resumes twice in a row ("Reused, TLSv1.2" both times, no certificate): TLS 1.2 sessions in
 * rustls' cache are not taken out on use, unlike its TLS 1.3 tickets.
 *
 * Fails when the connection is not TLS 1.2, when the session carries a ticket or no session ID,
 * when the first resumption does not happen, or when the second use of the same session ID is
 * refused (TLS 1.2 sessions made single-use).
 */
export default defineScenario({
  quote: "In TLSv1.2 and below, the session contains all information necessary to " +
    "re-establish the connection without a full handshake.",
  claims: ["GS-6", "DT-2"],
  tags: ["deno", "interop", "cli", "tls12"],
  requires: ["cli-client:openssl", "session-file:openssl-pem"],
  mutants: ["wrong_session", "empty_session_file"],
  async run(ctx) {
    const server = await ctx.denoServer();
    const full = await ctx.sClient(server, { tls: "1.2", sessOut: "tls12.pem" });
    const line = full.transcript.handshake;
    recordMeasured(ctx, "tls12Line", line ? `${line.version}, ${line.cipher}` : null);
    ctx.expect.equal("GS-6", "the full handshake completes", full.handshake, true);
    ctx.expect.equal("GS-6", "it is TLS 1.2", full.transcript.handshake?.version, "TLSv1.2");
    ctx.expect.equal("GS-6", "the first connection is new", full.reused, false);
    ctx.expect.equal("GS-6", "-sess_out wrote a session", full.sessionFileState, "present");
    ctx.expect.equal("GS-6", "the session has no ticket", full.session?.ticket, undefined);
    ctx.expect.equal(
      "GS-6",
      "the session has a 32-byte session ID",
      full.session?.sessionId.length,
      32,
    );

    const uses = [
      await ctx.sClient(server, { tls: "1.2", sessIn: "tls12.pem" }),
      await ctx.sClient(server, { tls: "1.2", sessIn: "tls12.pem" }),
    ];
    recordMeasured(ctx, "tls12Uses", uses.map((u) => u.reused ?? null));
    ctx.expect.equal("GS-6", "the first use of the session ID resumes", uses[0].reused, true);
    await expectAbbreviatedHandshake(ctx, "GS-6", full, uses[0]);
    ctx.expect.equal(
      "GS-6",
      "the resumption uses the file's session ID",
      uses[0].transcript.first?.summarySession?.sessionId,
      full.session?.sessionId,
    );
    ctx.expect.equal(
      "DT-2",
      "the second use of the same TLS 1.2 session ID resumes too (not single-use)",
      uses[1].reused,
      true,
    );
  },
});
