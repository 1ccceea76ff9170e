import { defineScenario } from "../../mod.ts";
import { expectAbbreviatedHandshake } from "../_abbreviated_handshake.ts";
import { recordMeasured } from "./_measured.ts";

/**
 * The Deno server (rustls defaults) sends two TLS 1.3 tickets per connection; `s_client
 * -sess_out` keeps one, and `-sess_in` with it gives "Reused, TLSv1.3" with no certificate and
 * far fewer bytes read. A connection without `-sess_in` afterwards is "New," again, so the
 * "Reused," is the session file's doing.
 *
 * Fails when the server sends a different number of tickets, when no session file is written,
 * when the client build cannot resume a rustls ticket (it prints "New,"), or when the resumed
 * handshake still carries the certificate.
 */
export default defineScenario({
  quote: "A Deno TLS server's TLS 1.3 tickets can be resumed by `openssl s_client` of every " +
    "supported version.",
  claims: ["DT-1", "SS-1", "SS-4"],
  tags: ["deno", "interop", "cli", "tls13", "tickets"],
  requires: ["cli-client:openssl", "session-file:openssl-pem"],
  mutants: ["empty_session_file", "wrong_session", "faked_resumption"],
  async run(ctx) {
    // The Deno peers run on the Deno that runs the harness.
    recordMeasured(ctx, "deno", Deno.version.deno);
    const server = await ctx.denoServer();
    const full = await ctx.sClient(server, { sessOut: "deno.pem" });
    recordMeasured(ctx, "tickets", full.transcript.tickets.length);
    recordMeasured(
      ctx,
      "keyExchange",
      full.transcript.first?.negotiatedGroup ?? full.transcript.first?.tempKey ?? null,
    );
    ctx.expect.equal("DT-1", "the full handshake completes", full.handshake, true);
    ctx.expect.equal("SS-4", "the first connection is new", full.reused, false);
    ctx.expect.equal("DT-1", "it is TLS 1.3", full.transcript.handshake?.version, "TLSv1.3");
    ctx.expect.equal("DT-1", "the Deno server sends 2 tickets", full.transcript.tickets.length, 2);
    ctx.expect.equal("DT-1", "-sess_out wrote a session", full.sessionFileState, "present");

    const resumed = await ctx.sClient(server, { sessIn: "deno.pem" });
    const line = resumed.transcript.handshake;
    recordMeasured(ctx, "resumed", resumed.reused ?? null);
    recordMeasured(ctx, "resumedLine", line ? `${line.version}, ${line.cipher}` : null);
    recordMeasured(ctx, "handshakeBytesRead", [
      full.transcript.first?.handshakeBytes?.read ?? null,
      resumed.transcript.first?.handshakeBytes?.read ?? null,
    ]);
    ctx.expect.equal("DT-1", "the resumed handshake completes", resumed.handshake, true);
    ctx.expect.equal("SS-1", "-sess_in with the Deno ticket resumes", resumed.reused, true);
    ctx.expect.equal("DT-1", "the resumption is TLS 1.3", line?.version, "TLSv1.3");
    await expectAbbreviatedHandshake(ctx, "DT-1", full, resumed);

    const later = await ctx.sClient(server, {});
    ctx.expect.equal("SS-4", "a later connection without -sess_in is new", later.reused, false);
  },
});
