import { defineScenario } from "../../mod.ts";
import { resumeWithClient } from "./_client_resume.ts";
import { recordMeasured } from "./_measured.ts";
import { expectServed, recordServed } from "./_served.ts";

/**
 * A TLS 1.2 server of the server build without tickets, whatever its implementation
 * (`ctx.tlsServer()`: `s_server -no_ticket`, `gnutls-serv --noticket`, the FFI driver with
 * SSL_OP_NO_TICKET), issues no ticket, so the only way to resume is the session ID its cache
 * holds. Where the server says whether it resumed, its word must agree. The client build's own
 * client connects, then connects again offering that session (see `_client_resume.ts`): the
 * second connection must be resumed. How the client ends the first connection matters here:
 * OpenSSL 3.x servers remove a session from their cache when the connection ends without
 * close_notify.
 *
 * Fails when the server never resumes (`full_handshakes`) or when the client does not offer
 * the session ID.
 */
export default defineScenario({
  quote: "A TLS 1.2 session ID the server cached is resumed by the other implementation's client.",
  claims: ["IX-4", "IX-5"],
  requires: ["cli-client|tcp-peer", "cli-server|tcp-peer@server"],
  tags: ["interop", "cli", "tls12", "session-id"],
  mutants: ["full_handshakes"],
  async run(ctx) {
    const server = await ctx.tlsServer({ tls: "1.2", tickets: false });
    const r = await resumeWithClient(ctx, server, "1.2");
    const served = await recordServed(ctx, server, r.handshakes.length);
    recordMeasured(ctx, "clientImplementation", ctx.clientBuild.implementation);
    recordMeasured(ctx, "method", r.method);
    recordMeasured(ctx, "reused", r.reused);
    for (const line of r.evidence) ctx.note(`client: ${line}`);
    ctx.expect.equal("IX-4", "two connections were made", r.handshakes.length, 2);
    ctx.expect.equal("IX-4", "both handshakes complete", r.handshakes.every(Boolean), true);
    ctx.expect.equal("IX-5", "the first connection is new", r.reused[0], false);
    ctx.expect.equal("IX-4", "the second connection resumes the session ID", r.reused[1], true);
    expectServed(ctx, "IX-4", served);
  },
});
