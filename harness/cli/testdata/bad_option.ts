import { defineScenario } from "../../../mod.ts";

// Deliberately wrong: "numTicket" for "numTickets" (line 12), which must not start a server
// with openssl's default ticket count.
export default defineScenario({
  name: "cli_test/bad_option",
  quote: "SSL_session_reused() returns 1 for a reused session.",
  claims: ["SS-4"],
  tags: ["cli_test"],
  async run(ctx) {
    const options = { tls: "1.3", numTicket: 1 } as Parameters<typeof ctx.sServer>[0];
    const server = await ctx.sServer(options);
    const client = await ctx.sClient(server);
    ctx.expect.equal("SS-4", "a first connection is new", client.reused, false);
  },
});
