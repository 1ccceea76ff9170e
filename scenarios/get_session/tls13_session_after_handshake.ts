import { defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

/**
 * Where the SSL-Session blocks of a transcript come from (what the sanity check counts): in
 * TLS 1.3 there is **no** block in the handshake summary; every block is a `Post-Handshake New
 * Session Ticket arrived:` block, printed after
 * the handshake line, one per NewSessionTicket message in the `-msg` trace (so N = 0 tickets
 * means no block, no session file, although the handshake completed). In TLS 1.2 there is one
 * block, in the handshake summary, and no ticket block (the TLS 1.2 ticket travels inside the
 * handshake, before the summary). Then the session file resumes.
 *
 * `n` (`-num_tickets`) is a TLS 1.3 switch: TLS 1.2 runs with the default only.
 */
export default defineScenario({
  quote: "In TLSv1.3 the session is established after the main handshake has completed. The " +
    "server decides when to send the client the session information and this may occur some " +
    "time after the end of the handshake (or not at all).",
  claims: ["GS-7"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls12", "tls13", "tickets"],
  mutants: ["no_tickets"],
  variants: { tls: TLS_VARIANTS, n: ["0", "1", "2", "3"] },
  skipVariant: (v) =>
    v.tls === "tls1.2" && v.n !== "2" ? "-num_tickets counts TLS 1.3 tickets only" : undefined,
  mutantsFor: (v) =>
    v.tls === "tls1.2" ? ["empty_session_file"] : v.n === "0" ? ["num_tickets_dropped"] : [
      "no_tickets",
    ],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const n = Number(ctx.variant.n);
    const server = await ctx.sServer({ tls, numTickets: tls === "1.3" ? n : undefined });
    const c = await ctx.sClient(server, { sessOut: "s.pem", msg: true });
    const t = c.transcript;
    const handshakeLine = t.handshake?.line ?? Infinity;
    ctx.expect.equal("GS-7", "the handshake completes", c.handshake, true);
    const messages = c.trace?.handshakes[0]?.newSessionTickets;
    if (tls === "1.3") {
      ctx.expect.equal(
        "GS-7",
        "TLS 1.3: no block in the summary; one ticket block per NewSessionTicket (-msg)",
        [t.first?.summarySession, t.sessions.length, t.tickets.length, messages],
        [undefined, n, n, n],
      );
      ctx.expect.ok(
        "GS-7",
        "every ticket block comes after the handshake line",
        t.tickets.every((b) => b.line > handshakeLine),
        { handshakeLine, tickets: t.tickets.map((b) => b.line) },
      );
    } else {
      ctx.expect.equal(
        "GS-7",
        "TLS 1.2: one block, in the summary, no ticket block; the ticket came in the handshake",
        [t.sessions.length, t.first?.summarySession !== undefined, t.tickets.length, messages],
        [1, true, 0, 1],
      );
    }
    const saved = tls === "1.2" || n > 0;
    ctx.expect.equal(
      "GS-7",
      saved ? "there is a session file" : "no session sent: no session file",
      c.sessionFileState,
      saved ? "present" : "absent",
    );
    if (!saved) return;
    ctx.expect.ok(
      "GS-7",
      "the saved session carries a ticket",
      (c.session?.ticket?.length ?? 0) > 0,
      c.session?.ticket?.length,
    );
    const resumed = await ctx.sClient(server, { sessIn: "s.pem" });
    ctx.expect.equal("GS-7", "and that session resumes", resumed.reused, true);
  },
});
