import { expectSession } from "../../mod.ts";
import {
  claimQuotes,
  defineScenario,
  pemToDer,
  type SessionGetField,
  TLS_VARIANTS,
  TLS_VERSION,
  tlsVersion,
  toHex,
} from "../../mod.ts";

const CLAIMS = ["PV-1", "CI-1", "SI-1", "MK-5", "TK-2", "TK-3", "HN-4", "TO-6"];

/**
 * Real peers: `s_server` and `s_client`, both with `-alpn h2`, the client writing `-sess_out`.
 * The session file is then loaded into the client build's libssl (d2i_SSL_SESSION through the
 * FFI driver) and every getter is compared with what `s_client` itself printed for that session
 * (its `SSL-Session:` block: the summary under TLS 1.2, the last ticket's under TLS 1.3) and the
 * connection's `ALPN protocol:` line. Two witnesses that do not share code: OpenSSL's
 * SSL_SESSION_print in the CLI and the getters in the library.
 *
 * It fails if a getter disagrees with what the CLI printed for the same session.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["cli", "ffi", "api", "tls12", "tls13"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem", "api"],
  variants: { tls: TLS_VARIANTS },
  mutants: ["get0_cipher_null", "master_key_zeroed", "ticket_len_only", "alpn_get_null"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const server = await ctx.sServer({ tls, extraArgs: ["-alpn", "h2"] });
    const run = await ctx.sClient(server, { sessOut: "session.pem", extraArgs: ["-alpn", "h2"] });
    const connection = run.transcript.first;
    const block = tls === "1.2" ? connection?.summarySession : connection?.tickets.at(-1);
    ctx.expect.ok("PV-1", "s_client printed the session", block !== undefined, connection);
    ctx.expect.equal("PV-1", "and wrote the session file", run.sessionFileState, "present");
    const der = pemToDer(await Deno.readTextFile(run.sessionFile!), { file: run.sessionFile })
      .der;
    const d = await ctx.ffi();
    const session = expectSession(
      ctx.expect,
      "PV-1",
      "d2i_SSL_SESSION loads the session file",
      await d.call("session_d2i", { der: der.toBase64() }),
    );
    const get = async (field: SessionGetField) =>
      (await d.call("session_get0", { session, field })).value;
    ctx.expect.equal(
      "PV-1",
      `the protocol version is the printed ${block!.protocol}`,
      await get("protocol_version"),
      TLS_VERSION[block!.protocol === "TLSv1.3" ? "1.3" : "1.2"],
    );
    ctx.expect.equal("CI-1", "the cipher is the printed one", await get("cipher"), block!.cipher);
    ctx.expect.equal(
      "SI-1",
      "the session ID is the printed one",
      await get("id"),
      toHex(block!.sessionId),
    );
    const key = await d.call("copy_out", { field: "master_key", session, outlen: 64 });
    const printed = block!.masterKey ?? block!.resumptionPsk;
    ctx.expect.equal(
      "MK-5",
      "the master key is the printed one",
      key.hex.slice(0, key.rc * 2),
      printed ? toHex(printed) : undefined,
    );
    ctx.expect.equal(
      "TK-2",
      "the ticket lifetime hint is the printed one",
      await get("ticket_lifetime_hint"),
      block!.ticketLifetimeHint,
    );
    ctx.expect.equal(
      "TK-3",
      "the ticket is the printed one",
      await get("ticket"),
      block!.ticket ? toHex(block!.ticket) : null,
    );
    ctx.expect.equal("HN-4", "s_client negotiated ALPN h2", connection?.alpn, "h2");
    ctx.expect.equal(
      "HN-4",
      "the session's selected ALPN protocol is h2",
      await get("alpn"),
      toHex(new TextEncoder().encode("h2")),
    );
    const info = await d.call("session_info", { session });
    ctx.expect.equal(
      "TO-6",
      "the creation time and timeout are the printed Start Time and Timeout",
      [info.time, info.timeout],
      [block!.startTime, block!.timeout],
    );
    await d.call("session_free", { session });
  },
});
