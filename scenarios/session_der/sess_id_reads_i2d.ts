import {
  claimQuotes,
  defineScenario,
  derToPem,
  parseSessionBlock,
  TLS_VARIANTS,
  tlsVersion,
  toHex,
} from "../../mod.ts";

const CLAIMS = ["DS-1", "DS-4"];

/**
 * The library encodes, the CLI decodes: i2d_SSL_SESSION of the client's session (FFI, memory
 * BIOs) written as a PEM file, then `openssl sess_id -text` of the same build reads it, and the
 * session ID, master key, protocol and cipher it prints are what the getters report. Files of
 * junk and of the DER cut in half are refused by `sess_id` (non-zero exit, an error printed),
 * as d2i_SSL_SESSION refuses them.
 *
 * It fails if the CLI reads another session than the one encoded, or accepts a broken file.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["cli", "ffi", "api", "tls12", "tls13"],
  requires: ["api", "cli-client:openssl", "session-file:openssl-pem"],
  variants: { tls: TLS_VARIANTS },
  mutants: ["i2d_empty"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls });
    const conn = await pair.connect();
    const session = pair.expectSession(
      "DS-1",
      "the client has a session",
      await pair.call("get_session", { ssl: conn.client }),
    );
    const raw = await pair.call("session_i2d_raw", { session });
    const der = Uint8Array.fromBase64(raw.der ?? "");
    await Deno.writeTextFile(`${ctx.dir}/encoded.pem`, derToPem(der));
    const read = await ctx.sessIdText("encoded.pem");
    ctx.expect.equal("DS-1", "sess_id reads the encoded session", read.code, 0);
    const block = parseSessionBlock(read.stdout, { file: "sess_id output" });
    const key = await pair.call("copy_out", { field: "master_key", session, outlen: 64 });
    const get = async (field: "id" | "cipher" | "protocol_version") =>
      (await pair.call("session_get0", { session, field })).value;
    ctx.expect.equal(
      "DS-1",
      "it prints the session's ID, master key, protocol and cipher",
      [
        toHex(block.sessionId),
        toHex(block.masterKey ?? block.resumptionPsk ?? new Uint8Array()),
        block.protocol,
        block.cipher,
      ],
      [
        await get("id"),
        key.hex.slice(0, key.rc * 2),
        tls === "1.3" ? "TLSv1.3" : "TLSv1.2",
        await get("cipher"),
      ],
    );
    for (
      const [what, bytes] of [
        ["junk", new Uint8Array(40).fill(0x5a)],
        ["the DER cut in half", der.subarray(0, der.length >> 1)],
      ] as const
    ) {
      const file = `broken-${what.length}.pem`;
      await Deno.writeTextFile(`${ctx.dir}/${file}`, derToPem(bytes));
      const refused = await ctx.sessIdText(file);
      ctx.expect.ok(
        "DS-4",
        `sess_id refuses a file of ${what}, with an error`,
        refused.code !== 0 && refused.stderr.trim() !== "",
        { code: refused.code, stderr: refused.stderr.split("\n").slice(0, 2) },
      );
    }
  },
});
