import { claimQuotes, defineScenario } from "../../mod.ts";

/** How the first handshake's session comes back: the protocol and the server's mechanism. */
const RESUMPTION = {
  "tls1.2-session-id": { tls: "1.2", noTicket: true },
  "tls1.2-ticket": { tls: "1.2", noTicket: false },
  "tls1.3-ticket": { tls: "1.3", noTicket: false },
} as const;

/**
 * In memory, a server context that verifies peers (`SSL_VERIFY_PEER` with the test CA) and has
 * no session ID context; the client sends no certificate (the server does not require one). A
 * first handshake, then the client offers the session: the second handshake must fail, not just
 * run in full. Control: the same server with a session ID context resumes.
 */
export default defineScenario({
  quote: claimQuotes("IC-10"),
  claims: ["IC-10"],
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  variants: { resumption: Object.keys(RESUMPTION) },
  mutants: ["sid_ctx_ignored"],
  async run(ctx) {
    const { tls, noTicket } = RESUMPTION[ctx.variant.resumption as keyof typeof RESUMPTION];
    const outcomes: string[] = [];
    for (const withContext of [true, false]) {
      const base = await ctx.ffiPair({ tls, keepClientSessions: true });
      const { ctx: server } = await base.call("ctx_new", {
        role: "server",
        cert: ctx.pki.chain,
        key: ctx.pki.key,
        caFile: ctx.pki.caCert,
        minVersion: tls,
        maxVersion: tls,
        noTicket,
        keepNewSessions: false,
      });
      if (withContext) await base.call("ctx_set_session_id_context", { ctx: server, hex: "aa" });
      const connect = async (session?: number) => {
        const { ssl: client } = await base.call("ssl_new", { ctx: base.clientCtx });
        const { ssl: srv } = await base.call("ssl_new", { ctx: server });
        if (session !== undefined) await base.call("set_session", { ssl: client, session });
        return await base.call("handshake", { client, server: srv, readTickets: true }).then(
          (r) => (r.clientReused ? "reused" : "full"),
          (e: Error) => `failed (${e.message.replace(/^.*SSL_ERROR_SSL: /, "")})`,
        );
      };
      const first = await connect();
      const { calls } = await base.call("ctx_new_sessions", { ctx: base.clientCtx });
      const session = calls.at(-1)?.session;
      const second = session === undefined ? "no session" : await connect(session);
      const outcome = `${first} then ${second}`;
      outcomes.push(outcome);
      for (const c of (await base.call("ctx_new_sessions", { ctx: base.clientCtx })).calls) {
        await base.call("session_free", { session: c.session });
      }
      ctx.note(`${withContext ? "with a context" : "no context"}: ${outcome}`);
    }
    ctx.expect.match(
      "IC-10",
      "control, with a context: resumed",
      outcomes[0],
      /^full then reused$/,
    );
    ctx.expect.match(
      "IC-10",
      "no context: the resumption attempt fails the handshake",
      outcomes[1],
      /^full then failed/,
    );
  },
});
