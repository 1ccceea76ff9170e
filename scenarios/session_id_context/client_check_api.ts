import { claimQuotes, defineScenario } from "../../mod.ts";
import { cleanConnection } from "../session_cache/_clean_connection.ts";

/**
 * TLS 1.2 session IDs in memory, both contexts with session ID context `aa`. The client's
 * session, resumed as it is: reused. The same session with its context edited to `ee`
 * (`SSL_SESSION_set1_id_context`) offered again: the server accepts the ID it knows, and the
 * client, comparing the session's context with its own when the server resumes, fails the
 * handshake.
 */
export default defineScenario({
  quote: claimQuotes("IC-8"),
  claims: ["IC-8"],
  tags: ["ffi", "api", "tls12"],
  requires: ["api"],
  mutants: ["id_context_set_noop", "set_session_noop"],
  async run(ctx) {
    const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    await pair.call("ctx_set_session_id_context", { ctx: pair.serverCtx, hex: "aa" });
    await pair.call("ctx_set_session_id_context", { ctx: pair.clientCtx, hex: "aa" });
    const first = await cleanConnection(pair);
    const again = await cleanConnection(pair, { session: first.clientSession });
    ctx.expect.equal("IC-8", "control: the session as it is is reused", again.reused, true);
    const { rc } = await pair.call("session_set1", {
      session: again.clientSession,
      field: "id_context",
      hex: "ee",
    });
    const ssls = await pair.newSsls();
    await pair.call("set_session", { ssl: ssls.client, session: again.clientSession });
    const edited = await pair.call("handshake", { client: ssls.client, server: ssls.server }).then(
      (r) => (r.clientReused ? "reused" : "new"),
      (e: Error) => `failed: ${e.message}`,
    );
    ctx.note(`session context edited to "ee" (rc ${rc}): ${edited}`);
    ctx.expect.match(
      "IC-8",
      "an edited context fails the client's check",
      edited,
      /^failed: .*context/i,
    );
    for (const s of [first, again]) await pair.call("session_free", { session: s.clientSession });
  },
});
