import { defineScenario } from "../../../mod.ts";

// An s_server told to listen on a port that is already taken (this scenario holds it): OpenSSL
// prints "BIO_bind: Address already in use" and exits — with code 0 in 3.0 — so the step must
// fail on the missing ACCEPT line and name the command and the bind failure.
export default defineScenario({
  name: "faults_test/port_in_use",
  quote: "none: a fault test",
  claims: ["SN-5"],
  tags: ["faults_test"],
  async run(ctx) {
    using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = listener.addr.port;
    ctx.note(`busy port: ${port}`);
    // s_server keeps the last -accept it is given.
    await ctx.sServer({ extraArgs: ["-accept", `127.0.0.1:${port}`] });
    ctx.expect.ok("SN-5", "s_server started on a busy port (it should not)", false, port);
  },
});
