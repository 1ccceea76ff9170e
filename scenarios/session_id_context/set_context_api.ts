import { claimQuotes, defineScenario } from "../../mod.ts";
import { decodeSessionDer } from "../../mod.ts";
import { cleanConnection } from "../session_cache/_clean_connection.ts";

const CLAIMS = ["IC-1", "IC-2", "IC-3", "IC-4", "IC-5", "IC-9", "IC-12", "IC-13"];

/** Binary on purpose: a NUL and a 0xff byte. */
const CONTEXT = "00ff41";

/**
 * TLS 1.2 session IDs in memory. `SSL_CTX_set_session_id_context` of 3 binary bytes on the
 * server context returns 1; the server's session then carries exactly those bytes
 * (`SSL_SESSION_get0_id_context`) and so does its `i2d_SSL_SESSION` encoding, and the client
 * resumes. `SSL_set_session_id_context` on one server SSL makes that SSL's session carry its own
 * context instead. 32 bytes are accepted on both; 33 are refused with 0 and an error on the queue,
 * leaving the context as it was.
 */
export default defineScenario({
  quote: claimQuotes("IC-1", "IC-5"),
  claims: CLAIMS,
  tags: ["ffi", "api", "tls12"],
  // The DER witness (IC-3) is the harness codec of OpenSSL's SSL_SESSION encoding.
  requires: ["api", "session-file:openssl-pem"],
  mutants: ["sid_ctx_ignored"],
  async run(ctx) {
    const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const set = await pair.call("ctx_set_session_id_context", {
      ctx: pair.serverCtx,
      hex: CONTEXT,
    });
    ctx.expect.equal("IC-1", "SSL_CTX_set_session_id_context returns 1", set.rc, 1);
    const context = async (session: number) =>
      (await pair.call("session_get0", { session, field: "id_context" })).value;
    const first = await cleanConnection(pair);
    const hex = await context(first.serverSession);
    ctx.expect.equal("IC-5", "the server's session carries the context", hex, CONTEXT);
    ctx.expect.equal("IC-4", "binary bytes (NUL, 0xff) kept as given", String(hex).length, 6);
    const { der } = await pair.call("session_i2d", { session: first.serverSession });
    const decoded = decodeSessionDer(Uint8Array.from(atob(der), (c) => c.charCodeAt(0)));
    ctx.expect.equal(
      "IC-3",
      "the exported session (i2d) holds the context",
      decoded.sessionIdContext.toHex(),
      CONTEXT,
    );
    const again = await cleanConnection(pair, { session: first.clientSession });
    ctx.expect.equal("IC-1", "within that context the session is reused", again.reused, true);

    const own = await cleanConnection(pair, {
      before: async ({ server }) => {
        const r = await pair.call("ssl_set_session_id_context", { ssl: server, hex: "bb" });
        ctx.expect.equal("IC-2", "SSL_set_session_id_context returns 1", r.rc, 1);
      },
    });
    ctx.expect.equal(
      "IC-2",
      "a server SSL with its own context: its session carries that one",
      await context(own.serverSession),
      "bb",
    );

    const max = "ab".repeat(32);
    const tooLong = "cd".repeat(33);
    const ssls = await pair.newSsls();
    for (
      const [what, call] of [
        [
          "SSL_CTX",
          (hex: string) => pair.call("ctx_set_session_id_context", { ctx: pair.serverCtx, hex }),
        ],
        [
          "SSL",
          (hex: string) => pair.call("ssl_set_session_id_context", { ssl: ssls.server, hex }),
        ],
      ] as const
    ) {
      ctx.expect.equal("IC-9", `${what}: 32 bytes accepted`, (await call(max)).rc, 1);
      const refused = await call(tooLong);
      ctx.expect.equal("IC-12", `${what}: 33 bytes refused with 0`, refused.rc, 0);
      ctx.expect.ok(
        "IC-13",
        `${what}: the refusal is on the error queue`,
        refused.errors.length > 0,
        refused.errors,
      );
    }
    const ctxAfter = await cleanConnection(pair);
    ctx.expect.equal(
      "IC-12",
      "the refused call left the 32-byte context in place",
      await context(ctxAfter.serverSession),
      max,
    );
    for (const s of [first, again, own, ctxAfter]) {
      await pair.call("session_free", { session: s.clientSession });
    }
  },
});
