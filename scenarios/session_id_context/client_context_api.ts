import { claimQuotes, defineScenario } from "../../mod.ts";
import { cleanConnection } from "../session_cache/_clean_connection.ts";

/**
 * TLS 1.2 session IDs in memory; the server context's session ID context is `aa`, the client
 * context's `cc` (`SSL_CTX_set_session_id_context` on the client). The client's session after a
 * first connection: whose context does it carry? Then the outcome of offering it: from a client
 * SSL of the same context, and from a client SSL whose own context was changed to `dd`
 * (`SSL_set_session_id_context`) — the server side is the same both times.
 */
export default defineScenario({
  quote: claimQuotes("IC-6", "IC-7"),
  claims: ["IC-6", "IC-7"],
  tags: ["ffi", "api", "tls12"],
  requires: ["api"],
  mutants: ["set_session_noop"],
  async run(ctx) {
    const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    await pair.call("ctx_set_session_id_context", { ctx: pair.serverCtx, hex: "aa" });
    await pair.call("ctx_set_session_id_context", { ctx: pair.clientCtx, hex: "cc" });
    // The server's session read after its SSL is gone: held (a cache may keep only a copy).
    const first = await cleanConnection(pair, { keepServerSession: true });
    const context = async (session: number) =>
      (await pair.call("session_get0", { session, field: "id_context" })).value;
    const clientSide = await context(first.clientSession);
    const serverSide = await context(first.serverSession);
    ctx.note(`client session's context: "${clientSide}", server session's: "${serverSide}"`);
    const same = await cleanConnection(pair, { session: first.clientSession });
    const other = await pair.call("ssl_new", { ctx: pair.clientCtx });
    const { ssl: server } = await pair.call("ssl_new", { ctx: pair.serverCtx });
    await pair.call("ssl_set_session_id_context", { ssl: other.ssl, hex: "dd" });
    await pair.call("set_session", { ssl: other.ssl, session: first.clientSession });
    const changed = await pair.call("handshake", { client: other.ssl, server }).then(
      (r) => (r.clientReused ? "reused" : "new"),
      (e: Error) => `failed: ${e.message}`,
    );
    ctx.note(`client SSL context changed to "dd": ${changed}`);
    for (const s of [first.clientSession, first.serverSession, same.clientSession]) {
      await pair.call("session_free", { session: s });
    }
    ctx.expect.equal(
      "IC-7",
      "control: a client SSL of the same context resumes",
      same.reused,
      true,
    );
    ctx.expect.equal(
      "IC-7",
      "the client's own context does not change the outcome: a changed one resumes too",
      changed.startsWith("failed") ? "failed" : changed,
      "reused",
    );
    ctx.expect.equal(
      "IC-6",
      "the client's session carries the context the server set",
      clientSide,
      serverSide,
    );
  },
});
