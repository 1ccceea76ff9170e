import { claimQuotes, defineScenario } from "../../mod.ts";
import { cleanConnection } from "../session_cache/_clean_connection.ts";

/**
 * In memory, one server context with session ID context `aa`, for TLS 1.2 session IDs, TLS 1.2
 * tickets and TLS 1.3 tickets (the same context's ticket keys decrypt every ticket). The
 * client's session is offered twice: to a server SSL of the context (reused), and to a server
 * SSL whose context was changed to `bb` with `SSL_set_session_id_context` (the ID is found or
 * the ticket decrypted, but the context differs: a full handshake, which succeeds).
 */
export default defineScenario({
  quote: claimQuotes("IC-11"),
  claims: ["IC-11"],
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  mutants: ["sid_ctx_ignored"],
  async run(ctx) {
    for (
      const [tls, noTicket, what] of [
        ["1.2", true, "TLS 1.2 session ID"],
        ["1.2", false, "TLS 1.2 ticket"],
        ["1.3", false, "TLS 1.3 ticket"],
      ] as const
    ) {
      const pair = await ctx.ffiPair({ tls, noTicket, keepClientSessions: false });
      await pair.call("ctx_set_session_id_context", { ctx: pair.serverCtx, hex: "aa" });
      const first = await cleanConnection(pair);
      const same = await cleanConnection(pair, { session: first.clientSession });
      const changed = await cleanConnection(pair, {
        session: first.clientSession,
        before: async ({ server }) => {
          await pair.call("ssl_set_session_id_context", { ssl: server, hex: "bb" });
        },
      });
      ctx.expect.equal(
        "IC-11",
        `${what}: reused [same context, other context]`,
        [same.reused, changed.reused],
        [true, false],
      );
      for (const s of [first, same, changed]) {
        await pair.call("session_free", { session: s.clientSession });
      }
    }
  },
});
