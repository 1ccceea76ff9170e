import { claimQuotes, defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

const CLAIMS = ["XC-1", "XC-2", "XC-3", "XC-4"];

/** The server context's SSL_CTX_set_session_id_context. */
const CONTEXT = "chapter-a";
const hex = (s: string) => new TextEncoder().encode(s).toHex();

/**
 * TLS 1.2 and TLS 1.3 in memory, a server context with session ID context `chapter-a`: the
 * server's session has that ID context (bytes and length), and asking with `len` NULL returns
 * the same pointer without writing a length. SSL_SESSION_set1_id_context then sets 32 bytes on
 * the client's session (the input overwritten right after the call: the session keeps a copy)
 * and returns 1, and refuses 33 bytes (SSL_MAX_SID_CTX_LENGTH is 32) with 0, leaving the
 * context as it was.
 *
 * It fails if the session's ID context is not its context's, or the setter did not copy it or
 * accepted too long a value.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  mutants: ["id_context_set_noop"],
  variants: { tls: TLS_VARIANTS },
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls });
    const sctx = (await pair.call("ctx_new", {
      role: "server",
      cert: ctx.pki.chain,
      key: ctx.pki.key,
      minVersion: tls,
      maxVersion: tls,
      sessionIdContext: CONTEXT,
      keepNewSessions: false,
    })).ctx;
    const client = (await pair.call("ssl_new", { ctx: pair.clientCtx })).ssl;
    const server = (await pair.call("ssl_new", { ctx: sctx })).ssl;
    await pair.call("handshake", { client, server, readTickets: true });
    const ours = pair.expectSession(
      "XC-1",
      `TLS ${tls}: the server has a session`,
      await pair.call("get_session", { ssl: server }),
    );
    const got = await pair.call("session_get0", { session: ours, field: "id_context" });
    ctx.expect.equal(
      "XC-1",
      `TLS ${tls}: the server session's ID context is its context's "${CONTEXT}"`,
      got.value,
      hex(CONTEXT),
    );
    ctx.expect.equal("XC-2", `TLS ${tls}: its length is written`, got.length, CONTEXT.length);
    const noLen = await pair.call("session_get0", {
      session: ours,
      field: "id_context",
      lenNull: true,
    });
    ctx.expect.equal("XC-2", `TLS ${tls}: len NULL: the same pointer`, noLen.ptr, got.ptr);

    const theirs = pair.expectSession(
      "XC-3",
      `TLS ${tls}: the client has a session`,
      await pair.call("get_session", { ssl: client }),
    );
    const value = "ab".repeat(32);
    const set = await pair.call("session_set1", {
      session: theirs,
      field: "id_context",
      hex: value,
      overwriteInput: true,
    });
    ctx.expect.equal("XC-4", `TLS ${tls}: set1_id_context of 32 bytes returns 1`, set.rc, 1);
    ctx.expect.equal(
      "XC-3",
      `TLS ${tls}: the session holds a copy of them (input overwritten afterwards)`,
      (await pair.call("session_get0", { session: theirs, field: "id_context" })).value,
      value,
    );
    const tooLong = await pair.call("session_set1", {
      session: theirs,
      field: "id_context",
      hex: "cd".repeat(33),
    });
    ctx.expect.equal("XC-4", `TLS ${tls}: 33 bytes return 0`, tooLong.rc, 0);
    ctx.expect.equal(
      "XC-3",
      `TLS ${tls}: and leave the ID context as it was`,
      (await pair.call("session_get0", { session: theirs, field: "id_context" })).value,
      value,
    );
  },
});
