import { defineScenario, toHex } from "../../../mod.ts";

// A failing scenario that puts every kind of secret where a report would show it: the peers'
// output (Master-Key, Resumption PSK, Session-ID lines), a note quoting the session file and
// the leaf's private key, and a failed check whose values are the master key. The values are
// also written to $TLS_FAULTS_SECRETS_OUT, so the secrets test knows what to search for.
export default defineScenario({
  name: "faults_test/leaks_secrets",
  quote: "none: a secrets test",
  claims: ["GS-9"],
  tags: ["faults_test"],
  async run(ctx) {
    const server = await ctx.sServer({ tls: "1.3" });
    const client = await ctx.sClient(server, { sessOut: "session.pem" });
    const sessionPem = await Deno.readTextFile(client.sessionFile!);
    const privateKey = await Deno.readTextFile(ctx.pki.key);
    // TLS 1.2 prints a Master-Key line, TLS 1.3 a Resumption PSK: both kinds are in the output.
    const tls12 = await ctx.sClient(await ctx.sServer({ tls: "1.2" }));
    const blocks = [...client.transcript.sessions, ...tls12.transcript.sessions];
    const secrets = {
      masterKeys: blocks.flatMap((b) => b.masterKey ? [toHex(b.masterKey)] : []),
      psks: blocks.flatMap((b) => b.resumptionPsk ? [toHex(b.resumptionPsk)] : []),
      sessionIds: blocks.flatMap((b) => b.sessionId.length ? [toHex(b.sessionId)] : []),
      sessionMasterKey: toHex(client.session!.masterKey),
      sessionPem,
      privateKey,
    };
    const out = Deno.env.get("TLS_FAULTS_SECRETS_OUT");
    if (out) await Deno.writeTextFile(out, JSON.stringify(secrets));
    ctx.note(`the session file:\n${sessionPem}`);
    ctx.note(`the leaf key:\n${privateKey}`);
    ctx.expect.equal(
      "GS-9",
      "the session's master key is all zeros",
      toHex(client.session!.masterKey),
      "00",
    );
  },
});
