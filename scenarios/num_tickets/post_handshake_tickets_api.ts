import { defineScenario, type FfiPair } from "../../mod.ts";

/**
 * TLS 1.3 in memory, the client allowing post-handshake authentication
 * (`SSL_set_post_handshake_auth`). After the handshake and its 2 tickets, the server calls
 * `SSL_verify_client_post_handshake`; the CertificateRequest goes out with `SSL_do_handshake`,
 * the client answers (no certificate: the server does not require one), the server reads the
 * answer and the client's new-session callback counts the tickets that follow: 2 again, as many
 * as for the handshake. On a second connection the server calls `SSL_set_num_tickets(1)` before
 * the request: 1 ticket. Control: the same exchange without the request brings none.
 */
export default defineScenario({
  quote: "Tickets are also issued on receipt of a post-handshake certificate from the client " +
    "following a request by the server using SSL_verify_client_post_handshake(3).",
  claims: ["NT-5", "NT-6", "NT-7"],
  tags: ["ffi", "api", "tls13", "tickets"],
  requires: ["api"],
  mutants: ["num_tickets_ignored", "tickets_unread"],
  async run(ctx) {
    const pair = await ctx.ffiPair({ tls: "1.3" });
    for (const step of ["control", "same count", "SSL_set_num_tickets(1)"] as const) {
      const ssls = await pair.newSsls();
      await pair.call("ssl_post_handshake_auth", { ssl: ssls.client });
      const hs = await pair.call("handshake", { ...ssls, readTickets: true });
      ctx.expect.equal("NT-6", `${step}: 2 tickets after the handshake`, hs.newSessionCalls, 2);
      if (step === "SSL_set_num_tickets(1)") {
        await pair.call("ssl_num_tickets", { ssl: ssls.server, set: 1 });
      }
      if (step !== "control") {
        const { rc } = await pair.call("ssl_verify_client_post_handshake", { ssl: ssls.server });
        ctx.expect.equal("NT-5", `${step}: SSL_verify_client_post_handshake returns 1`, rc, 1);
      }
      const tickets = await postHandshakeRound(pair, ssls);
      const expected = step === "control" ? 0 : step === "same count" ? 2 : 1;
      ctx.expect.equal(
        step === "control" ? "NT-5" : step === "same count" ? "NT-6" : "NT-7",
        `${step}: ${expected} ticket(s) after the post-handshake exchange`,
        tickets,
        expected,
      );
    }
  },
});

/** One round trip of post-handshake messages; the client's new-session callbacks during it. */
async function postHandshakeRound(
  pair: FfiPair,
  ssls: { client: number; server: number },
): Promise<number> {
  await pair.call("ssl_do_handshake", { ssl: ssls.server });
  await pair.call("transfer", { from: ssls.server, to: ssls.client });
  const a = await pair.call("read_tickets", { client: ssls.client });
  await pair.call("transfer", { from: ssls.client, to: ssls.server });
  await pair.call("ssl_read", { ssl: ssls.server });
  const b = await pair.call("read_tickets", { client: ssls.client, server: ssls.server });
  return a.newSessionCalls + b.newSessionCalls;
}
