import { defineScenario } from "../../../mod.ts";

// Deliberately wrong, for repro_script_test.ts: the second connection offers the saved session
// and resumes ("Reused,"), while the last check expects a new session.
export default defineScenario({
  name: "repro_test/resumed_is_new",
  quote:
    "SSL_set_session() sets session to be used when the TLS/SSL connection is to be established.",
  claims: ["SS-1"],
  tags: ["repro_test"],
  async run(ctx) {
    const server = await ctx.sServer({ tls: "1.3", numTickets: 1 });
    const first = await ctx.sClient(server, { sessOut: "session.pem" });
    ctx.expect.equal(
      "SS-1",
      "the first connection saved a session",
      first.sessionFileState,
      "present",
    );
    const second = await ctx.sClient(server, { sessIn: "session.pem" });
    ctx.expect.equal("SS-1", "the connection that offered it is new", second.reused, false);
  },
});
