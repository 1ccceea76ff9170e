import { defineScenario } from "../../mod.ts";
import { resumeWithClient } from "./_client_resume.ts";
import { recordMeasured } from "./_measured.ts";
import { expectServed, recordServed } from "./_served.ts";

/**
 * A TLS server of the server build, whatever its implementation (`ctx.tlsServer()`: `s_server`,
 * `bssl server`, `gnutls-serv`, the FFI driver as a TCP server, the Deno server), issues a
 * ticket; the client build's own client (its CLI client `s_client`, `bssl client` or
 * `gnutls-cli`; else the FFI driver over TCP, or the Deno TLS client for rustls: see
 * `_client_resume.ts`) connects, then connects again offering it: the first connection must be
 * new, the second resumed, in the protocol asked for. Where the server says whether it resumed
 * (`bssl server`, `gnutls-serv`, the FFI driver), its word must agree. With `--pairs all` this is
 * the client-implementation × server-implementation grid.
 *
 * Fails when the server issues no ticket or never resumes (mutants `no_tickets`,
 * `full_handshakes`), or when the client does not offer the session it received.
 */
export default defineScenario({
  quote: "A session the server of any implementation issues (a TLS 1.3 ticket, a TLS 1.2 " +
    "ticket) is resumed by the client of every implementation on its next connection.",
  claims: ["IX-1", "IX-5"],
  requires: ["cli-client|tcp-peer", "cli-server|tcp-peer@server"],
  tags: ["interop", "cli", "tls12", "tls13", "tickets"],
  variants: { tls: ["1.3", "1.2"] },
  mutants: ["no_tickets", "full_handshakes"],
  async run(ctx) {
    const tls = ctx.variant.tls as "1.2" | "1.3";
    // No session cache under TLS 1.2, so that a resumption can only be the ticket's (not the
    // session ID's). Each server sends its own number of TLS 1.3 tickets: every client keeps
    // one of them, and any one resumes.
    const server = await ctx.tlsServer({ tls, cache: tls === "1.2" ? false : undefined });
    const r = await resumeWithClient(ctx, server, tls);
    const served = await recordServed(ctx, server, r.handshakes.length);
    recordMeasured(ctx, "clientImplementation", ctx.clientBuild.implementation);
    recordMeasured(ctx, "method", r.method);
    recordMeasured(ctx, "reused", r.reused);
    for (const line of r.evidence) ctx.note(`client: ${line}`);
    ctx.expect.equal("IX-1", "two connections were made", r.handshakes.length, 2);
    ctx.expect.equal(
      "IX-1",
      "both handshakes complete",
      r.handshakes.every(Boolean),
      true,
    );
    ctx.expect.equal("IX-5", "the first connection is new", r.reused[0], false);
    ctx.expect.equal(
      "IX-1",
      `the second connection resumes the TLS ${tls} session`,
      r.reused[1],
      true,
    );
    expectServed(ctx, "IX-1", served);
  },
});
