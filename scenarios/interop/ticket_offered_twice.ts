import { defineScenario, type SServerOptions } from "../../mod.ts";
import { resumeWithClient } from "./_client_resume.ts";
import { recordMeasured } from "./_measured.ts";
import { recordServed } from "./_served.ts";

/**
 * Each variant's server, and whether (as OpenSSL's `s_server` measured) it accepts a second use.
 * `default` is the server build's own TLS server with its defaults, whatever its implementation
 * (`ctx.tlsServer()`); the other two are `s_server` switches (other implementations:
 * `unsupported`).
 */
const SERVERS: Record<
  "default" | "stateful" | "early_data",
  { options?: SServerOptions; secondUse: boolean }
> = {
  // OpenSSL's default is stateless tickets: nothing on the server marks a ticket used.
  default: { secondUse: true },
  // Stateful tickets (TLS 1.3 `-no_ticket`): a cache entry, yet kept on resumption.
  stateful: { options: { noTicket: true }, secondUse: true },
  // Early data on: OpenSSL's anti-replay then lets each ticket resume once.
  early_data: { options: { extraArgs: ["-early_data"] }, secondUse: false },
};

/**
 * The same TLS 1.3 ticket, offered in two later connections by the client build's own client
 * (any implementation that can offer one session twice: `s_client -sess_in` twice, `bssl client
 * -session-in` twice, or the FFI driver's `SSL_set_session` on two SSLs; `gnutls-cli` and the
 * Deno client cannot: `unsupported`). What the server does with the second use is the recorded
 * fact (`measured secondUse`), per server: the server build's own TLS server with its defaults
 * (`default`: `s_server`, `bssl server`, `gnutls-serv`, the FFI driver, the Deno server), and
 * `s_server` with stateful tickets (`-no_ticket`) and with early data on (`-early_data`, which
 * turns on its anti-replay). The values expected are what OpenSSL servers measured (also
 * get_session/ticket_used_twice.ts): only anti-replay refuses a second use; a server that
 * differs is an expected deviation keyed by its implementation and version.
 *
 * The `s_server` variants send one ticket per connection (`-num_tickets 1`), so "the ticket" is
 * unambiguous; `default` servers send their own number, and the client offers the one it kept. Fails when the
 * first use does not resume (`full_handshakes`: the second use would prove nothing), and when
 * the second use's outcome changes (`anti_replay_everywhere` refuses it where it was accepted).
 */
export default defineScenario({
  quote: "A TLS 1.3 ticket offered twice: whether the server accepts the second use (recorded " +
    "fact per server).",
  claims: ["IX-3", "IX-5"],
  requires: ["cli-client|tcp-peer", "cli-server|tcp-peer@server"],
  tags: ["interop", "tls13", "tickets"],
  variants: { server: ["default", "stateful", "early_data"] },
  mutants: ["full_handshakes"],
  mutantsFor: (v) =>
    SERVERS[v.server].secondUse ? ["anti_replay_everywhere", "full_handshakes"] : [
      "full_handshakes",
    ],
  async run(ctx) {
    const server = SERVERS[ctx.variant.server];
    const s = server.options
      ? await ctx.sServer({ tls: "1.3", numTickets: 1, ...server.options })
      : await ctx.tlsServer({ tls: "1.3" });
    const r = await resumeWithClient(ctx, s, "1.3", { offers: 2 });
    if ("served" in s) await recordServed(ctx, s, r.handshakes.length);
    recordMeasured(ctx, "clientImplementation", ctx.clientBuild.implementation);
    recordMeasured(ctx, "method", r.method);
    recordMeasured(ctx, "reused", r.reused);
    recordMeasured(ctx, "secondUse", r.reused[2] ?? null);
    for (const line of r.evidence) ctx.note(`client: ${line}`);
    // The first use first: without a ticket (no session to offer) a CLI client makes one
    // connection and an FFI client new ones, and both fail here, under one message.
    ctx.expect.equal("IX-5", "the first connection is new", r.reused[0], false);
    ctx.expect.equal("IX-3", "the first use of the ticket resumes", r.reused[1], true);
    ctx.expect.equal("IX-3", "three connections were made", r.handshakes.length, 3);
    ctx.expect.equal("IX-3", "every handshake completes", r.handshakes.every(Boolean), true);
    ctx.expect.equal(
      "IX-3",
      `the second use of the same ticket ${server.secondUse ? "resumes too" : "is refused"}`,
      r.reused[2],
      server.secondUse,
    );
    await s.stop();
  },
});
