import {
  claimQuotes,
  decodeSessionDer,
  defineScenario,
  FfiError,
  TLS_VARIANTS,
  tlsVersion,
} from "../../mod.ts";

const CLAIMS = ["DS-1", "DS-2", "DS-3", "DS-4", "DS-5", "DS-6"];

/**
 * TLS 1.2 (tickets) and TLS 1.3 in memory. i2d_SSL_SESSION of the client's session: with a NULL
 * output it returns the size, into a buffer it writes that many bytes, which the harness's
 * codec decodes to the same session ID and master key libssl reports; d2i_SSL_SESSION of them
 * returns a new object (another pointer) whose i2d is the same bytes. That decoded session
 * resumes at the server context that made it, not at another server context of the same
 * driver (same certificate and options, other ticket keys). d2i of the DER cut in half, and of
 * junk, returns NULL with the error on libcrypto's error stack; i2d of a blank
 * SSL_SESSION_new session (no cipher: not valid) returns 0.
 *
 * It fails if encoding and decoding do not round-trip, a bad DER decoded, a decoded session
 * did not resume where it belongs or resumed elsewhere, or a blank session encoded.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api", "tls12", "tls13"],
  // The DER witness is the harness codec of OpenSSL's SSL_SESSION encoding.
  requires: ["api", "session-file:openssl-pem"],
  mutants: ["d2i_null"],
  variants: { tls: TLS_VARIANTS },
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls });
    const other = await ctx.ffiPair({ tls });
    const conn = await pair.connect();
    const original = pair.expectSession(
      "DS-1",
      "the client has a session",
      await pair.call("get_session", { ssl: conn.client }),
    );
    const raw = await pair.call("session_i2d_raw", { session: original });
    const bytes = raw.der === null ? new Uint8Array(0) : Uint8Array.fromBase64(raw.der);
    ctx.expect.equal(
      "DS-5",
      "i2d returns the size, and writes that many bytes",
      [raw.written, bytes.length],
      [raw.size, raw.size],
    );
    const decoded = decodeSessionDer(bytes);
    const id = (await pair.call("session_get0", { session: original, field: "id" })).value;
    const key = await pair.call("copy_out", {
      field: "master_key",
      session: original,
      outlen: 64,
    });
    ctx.expect.equal(
      "DS-1",
      "the encoding holds the session's ID and master key",
      [decoded.sessionId.toHex(), decoded.masterKey.toHex()],
      [id, key.hex.slice(0, key.rc * 2)],
    );
    // A refused d2i is an op error: a failed check here, not an errored scenario.
    const copy = await pair.call("session_d2i", { der: raw.der! }).catch((e: Error) => ({
      session: null,
      ptr: null,
      error: e.message,
    }));
    const back = pair.expectSession("DS-3", "d2i returns a session", copy);
    ctx.expect.notEqual(
      "DS-3",
      "a newly allocated object",
      copy.ptr,
      (await pair.call("get_session", { ssl: conn.client })).ptr,
    );
    ctx.expect.equal(
      "DS-1",
      "its encoding is the same bytes",
      (await pair.call("session_i2d_raw", { session: back })).der,
      raw.der,
    );
    await pair.call("shutdown", { client: conn.client, server: conn.server });
    ctx.expect.equal(
      "DS-3",
      "the decoded session resumes at the server context that made it",
      (await pair.connect({ session: back })).reused,
      true,
    );
    const elsewhere = await pair.newSsls();
    const foreign = await pair.call("ssl_new", { ctx: other.serverCtx });
    await pair.call("set_session", { ssl: elsewhere.client, session: back });
    const hs = await pair.call("handshake", {
      client: elsewhere.client,
      server: foreign.ssl,
      readTickets: true,
    });
    ctx.expect.equal(
      "DS-2",
      "it does not resume at another server SSL_CTX",
      hs.clientReused,
      false,
    );
    await pair.call("session_free", { session: back });

    for (
      const [what, der] of [["cut in half", bytes.subarray(0, bytes.length >> 1)], [
        "junk",
        new Uint8Array(40).fill(0x5a),
      ]] as const
    ) {
      const failed = await pair.call("session_d2i", { der: der.toBase64() }).then(
        () => null,
        (e) => e,
      );
      ctx.expect.ok(
        "DS-4",
        `d2i of the DER ${what} fails (NULL)`,
        failed instanceof FfiError && failed.kind === "op",
        failed instanceof Error ? failed.message : failed,
      );
      ctx.expect.ok(
        "DS-4",
        "and the error is on the error stack",
        (failed as FfiError).opensslErrors.length > 0,
        (failed as FfiError).opensslErrors,
      );
    }
    const blank = pair.expectSession("DS-6", "SSL_SESSION_new returns a session", {
      session: (await pair.call("session_new", {})).session,
    });
    ctx.expect.equal(
      "DS-6",
      "a blank session (no cipher) is not valid: i2d returns 0, writes nothing",
      await pair.call("session_i2d_raw", { session: blank }),
      { size: 0, written: null, der: null },
    );
    await pair.call("session_free", { session: blank });
  },
});
