import { defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

/**
 * HISTORY: "The SSL_SESSION_dup() function was added in OpenSSL 1.1.1."
 *
 * From the session of a real handshake (TLS 1.2 session ID; TLS 1.3 ticket): the copy is
 * another object (another pointer) whose i2d_SSL_SESSION bytes equal the original's. It has a
 * life of its own: SSL_free frees the original (the copy holds no reference to it) while the
 * copy stays resumable, and one SSL_SESSION_free frees the copy.
 *
 * It fails if dup returned the same pointer (an up_ref in disguise), a copy whose contents
 * differ, or a copy tied to the original's lifetime.
 */
export default defineScenario({
  quote: "SSL_SESSION_dup() copies the contents of the SSL_SESSION structure in src and returns " +
    "a pointer to it.",
  claims: ["SN-2"],
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  variants: { tls: TLS_VARIANTS },
  mutants: ["dup_as_up_ref"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls, noTicket: tls === "1.2", numTickets: 1 });
    const conn = await pair.connect();
    await pair.call("shutdown", { client: conn.client, server: conn.server });
    const original = await pair.call("get_session", { ssl: conn.client });
    const src = pair.expectSession("SN-2", "the client has a session", original);
    const copy = await pair.call("session_dup", { session: src });
    ctx.expect.ok("SN-2", "dup returns a pointer", copy.ptr !== null, copy);
    ctx.expect.notEqual("SN-2", "a new object", copy.ptr, original.ptr);
    const a = await pair.call("session_i2d", { session: src });
    const b = await pair.call("session_i2d", { session: copy.session! });
    ctx.expect.equal("SN-2", "with the same DER encoding", b.der, a.der);

    const { freed } = await pair.call("ssl_free", { ssl: conn.client });
    ctx.expect.equal(
      "SN-2",
      "SSL_free frees the original, not the copy",
      [freed.includes(src), await pair.wasFreed(copy.session!)],
      [true, false],
    );
    const { resumable } = await pair.call("session_is_resumable", { session: copy.session! });
    ctx.expect.equal("SN-2", "the copy is still resumable", resumable, true);
    const last = await pair.call("session_free", { session: copy.session });
    ctx.expect.equal("SN-2", "one SSL_SESSION_free frees the copy", last.freed, true);
    await pair.call("ssl_free", { ssl: conn.server });
  },
});
