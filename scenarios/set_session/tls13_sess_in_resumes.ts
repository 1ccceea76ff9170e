import { defineScenario, resumptionServer } from "../../mod.ts";
import { expectAbbreviatedHandshake } from "../_abbreviated_handshake.ts";

/**
 * `s_client -sess_in` calls SSL_set_session() with the file's session; against the server that
 * issued the TLS 1.3 ticket, the connection resumes ("Reused,") and sends no certificate (far
 * fewer bytes read); without -sess_in it is "New,".
 *
 * Variants: stateless and stateful (`-no_ticket`) tickets; early data off, accepted by the
 * server only (`s_server -early_data`: anti-replay on, the session carries max_early_data), or
 * also sent by the client (`s_client -early_data FILE`: "Early data was accepted", and the
 * server prints the early data it read). TLS 1.2 resumption has its own scenarios.
 */
export default defineScenario({
  quote:
    "SSL_set_session() sets session to be used when the TLS/SSL connection is to be established.",
  claims: ["SS-1", "SS-4"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls13"],
  mutants: ["full_handshakes", "wrong_session", "faked_resumption"],
  variants: {
    mode: ["tls1.3-stateless", "tls1.3-stateful"],
    early: ["off", "server", "sent"],
  },
  async run(ctx) {
    const { mode, early } = ctx.variant;
    const server = await ctx.sServer(resumptionServer(mode, {
      numTickets: 1,
      extraArgs: early === "off" ? undefined : ["-early_data"],
    }));
    const first = await ctx.sClient(server, { sessOut: "s.pem" });
    ctx.expect.equal("SS-4", "without a session the connection is new", first.reused, false);
    ctx.expect.equal("SS-1", "it wrote a session file", first.sessionFileState, "present");
    const earlyFile = `${ctx.dir}/early.txt`;
    await Deno.writeTextFile(earlyFile, "harness early data\n");
    const second = await ctx.sClient(server, {
      sessIn: "s.pem",
      extraArgs: early === "sent" ? ["-early_data", earlyFile] : undefined,
    });
    ctx.expect.equal("SS-1", "with the session set the connection resumes", second.reused, true);
    if (early === "sent") {
      ctx.expect.equal(
        "SS-1",
        "the resumed session carried the early data: accepted, and the server read it",
        [second.transcript.first?.earlyData, second.serverLines.includes("harness early data")],
        ["accepted", true],
      );
    }
    await expectAbbreviatedHandshake(ctx, "SS-4", first, second);
    const third = await ctx.sClient(server, {});
    ctx.expect.equal(
      "SS-4",
      "a later connection without -sess_in is new again",
      third.reused,
      false,
    );
  },
});
