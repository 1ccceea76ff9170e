import { defineScenario } from "../../mod.ts";
import { cleanConnection } from "./_clean_connection.ts";

/**
 * TLS 1.2 session IDs in memory, one clean connection per mode, then a resumption attempt with
 * the client's session. `SSL_CTX_sess_number` of each side after the first connection: OFF on
 * both sides caches nothing and the resumption is a full handshake; CLIENT on the client caches
 * the client's session (the server caches too: a server that does not cache sends an empty
 * session ID, which no client caches); SERVER (the default) on the server caches the server's;
 * BOTH on both sides caches on each. Two server contexts with the same certificate: a session of one counts
 * only in that one, and offered to the other it is not resumed.
 */
export default defineScenario({
  quote: "The sessions can be held in memory for each ctx, if more than one SSL_CTX object is " +
    "being maintained, the sessions are unique for each SSL_CTX object.",
  claims: ["CM-2", "CM-4", "CM-5", "CM-7", "CM-9"],
  tags: ["ffi", "api", "cache", "tls12"],
  requires: ["api"],
  mutants: ["cache_mode_ignored"],
  async run(ctx) {
    const cases = [
      { claim: "CM-4", mode: "off", client: "off", server: "off", counts: [0, 0], resumes: false },
      {
        claim: "CM-5",
        mode: "client",
        client: "client",
        server: "server",
        counts: [1, 1],
        resumes: true,
      },
      {
        claim: "CM-7",
        mode: "server",
        client: "off",
        server: "server",
        counts: [0, 1],
        resumes: true,
      },
      {
        claim: "CM-9",
        mode: "both",
        client: "both",
        server: "both",
        counts: [1, 1],
        resumes: true,
      },
    ] as const;
    for (const c of cases) {
      const pair = await ctx.ffiPair({
        tls: "1.2",
        noTicket: true,
        clientCacheMode: c.client,
        serverCacheMode: c.server,
      });
      const first = await cleanConnection(pair);
      ctx.expect.equal(
        c.claim,
        `${c.mode}: sessions cached by the client and the server`,
        [
          (await pair.call("ctx_sess_number", { ctx: pair.clientCtx })).count,
          (await pair.call("ctx_sess_number", { ctx: pair.serverCtx })).count,
        ],
        [...c.counts],
      );
      const again = await cleanConnection(pair, { session: first.clientSession });
      ctx.expect.equal(c.claim, `${c.mode}: the session is resumed`, again.reused, c.resumes);
      await pair.call("session_free", { session: first.clientSession });
      await pair.call("session_free", { session: again.clientSession });
    }

    const a = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const b = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const ofA = await cleanConnection(a);
    ctx.expect.equal(
      "CM-2",
      "a session of context A counts in A only",
      [
        (await a.call("ctx_sess_number", { ctx: a.serverCtx })).count,
        (await a.call("ctx_sess_number", { ctx: b.serverCtx })).count,
      ],
      [1, 0],
    );
    const onB = await cleanConnection(b, { session: ofA.clientSession });
    ctx.expect.equal("CM-2", "offered to context B it is not resumed", onB.reused, false);
    const onA = await cleanConnection(a, { session: ofA.clientSession });
    ctx.expect.equal("CM-2", "control: offered to A again it is", onA.reused, true);
    for (const s of [ofA, onB, onA]) await a.call("session_free", { session: s.clientSession });
  },
});
