import { claimQuotes, defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

const CLAIMS = [
  "MK-1",
  "MK-2",
  "MK-3",
  "MK-4",
  "MK-5",
  "MK-6",
  "MK-7",
  "MK-8",
  "MK-9",
  "MK-10",
  "MK-11",
];

/** SSL3_RANDOM_SIZE. */
const RANDOM_SIZE = 32;

/**
 * TLS 1.2 and TLS 1.3 in memory. The randoms: SSL_get_client_random / SSL_get_server_random
 * into a buffer pre-filled with 0xA5, on both ends of one connection: 32 bytes each, the same on
 * both ends and the same as in the ClientHello / ServerHello bytes moved between them; asked for 8 bytes they copy the first 8, asked
 * for 100 they copy 32, asked for 0 they write nothing and return 32. The master key:
 * SSL_SESSION_get_master_key gives the bytes the session's i2d DER holds, the same on both
 * ends under TLS 1.2 (48 bytes; 0 → 48). SSL_SESSION_set1_master_key then replaces it (the
 * input buffer overwritten right after the call, so a setter that kept the pointer shows), and
 * fails for a key longer than its field: the limit is not on the page and differs (measured:
 * 256 bytes in 1.1.1w, 512 in 3.0 to 4.0; 48 is the TLS 1.2 secret's size, not a limit), so
 * 513 bytes are the failure every build must show.
 *
 * It fails if a random is not the one both ends used, a length rule does not hold, or the set
 * key is not copied.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api", "tls12", "tls13"],
  // The DER witness is the harness codec of OpenSSL's SSL_SESSION encoding.
  requires: ["api", "session-file:openssl-pem"],
  mutants: ["randoms_swapped", "master_key_zeroed", "set1_master_key_alias"],
  variants: { tls: TLS_VARIANTS },
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({ tls });
    // The first flights by hand, to read each random where it was sent: after the record (5
    // bytes), handshake (4) and version (2) headers of the ClientHello and the ServerHello.
    const conn = await pair.newSsls();
    await pair.call("ssl_read", { ssl: conn.client });
    const clientHello = await pair.call("transfer_seen", { from: conn.client, to: conn.server });
    await pair.call("ssl_read", { ssl: conn.server });
    const serverHello = await pair.call("transfer_seen", { from: conn.server, to: conn.client });
    await pair.call("handshake", { ...conn, readTickets: true });
    const wire = {
      client_random: clientHello.hex.slice(22, 86),
      server_random: serverHello.hex.slice(22, 86),
    };
    const randoms: Record<string, string> = {};
    for (
      const [claim, field] of [["MK-1", "client_random"], ["MK-4", "server_random"]] as const
    ) {
      for (const end of ["client", "server"] as const) {
        const full = await pair.call("copy_out", { field, ssl: conn[end], outlen: RANDOM_SIZE });
        ctx.expect.equal(
          "MK-8",
          `TLS ${tls}: the ${end}'s ${field} is SSL3_RANDOM_SIZE bytes`,
          full.rc,
          RANDOM_SIZE,
        );
        randoms[`${field} ${end}`] = full.hex;
      }
      ctx.expect.equal(
        claim,
        `TLS ${tls}: the ${field} the client holds is the one sent on the wire`,
        randoms[`${field} client`],
        wire[field],
      );
      ctx.expect.equal(
        claim,
        `TLS ${tls}: the ${field} the client holds is the one the server holds`,
        randoms[`${field} client`],
        randoms[`${field} server`],
      );
      const part = await pair.call("copy_out", { field, ssl: conn.client, outlen: 8 });
      ctx.expect.equal(
        "MK-2",
        `TLS ${tls}: ${field} with outlen 8 copies 8 bytes, the first 8`,
        [part.rc, part.hex],
        [8, randoms[`${field} client`].slice(0, 16)],
      );
      const more = await pair.call("copy_out", { field, ssl: conn.client, outlen: 100 });
      ctx.expect.equal(
        "MK-10",
        `TLS ${tls}: ${field} with outlen 100 copies 32 bytes (at most outlen)`,
        [more.rc, more.hex.slice(0, 64)],
        [RANDOM_SIZE, randoms[`${field} client`]],
      );
      const none = await pair.call("copy_out", { field, ssl: conn.client, outlen: 0 });
      ctx.expect.equal(
        "MK-3",
        `TLS ${tls}: ${field} with outlen 0 copies nothing and returns the size`,
        [none.rc, none.untouched],
        [RANDOM_SIZE, true],
      );
    }
    ctx.expect.notEqual(
      "MK-4",
      `TLS ${tls}: the server random is not the client random`,
      randoms["server_random client"],
      randoms["client_random client"],
    );

    const client = pair.expectSession(
      "MK-5",
      `TLS ${tls}: the client has a session`,
      await pair.call("get_session", { ssl: conn.client, variant: "get1" }),
    );
    const size = await pair.call("copy_out", { field: "master_key", session: client, outlen: 0 });
    const der = await pair.masterKeyHex(client);
    ctx.expect.equal(
      "MK-11",
      `TLS ${tls}: outlen 0 returns the master key's length (as in the DER), copying nothing`,
      [size.rc, size.untouched],
      [der.length / 2, true],
    );
    const key = await pair.call("copy_out", { field: "master_key", session: client, outlen: 64 });
    ctx.expect.equal(
      "MK-5",
      `TLS ${tls}: the master key is the session's (its i2d DER)`,
      key.hex.slice(0, key.rc * 2),
      der,
    );
    if (tls === "1.2") {
      const server = pair.expectSession(
        "MK-5",
        "TLS 1.2: the server has a session",
        await pair.call("get_session", { ssl: conn.server }),
      );
      const theirs = await pair.call("copy_out", {
        field: "master_key",
        session: server,
        outlen: 48,
      });
      ctx.expect.equal(
        "MK-5",
        "TLS 1.2: both ends hold the same 48-byte master secret",
        [theirs.rc, theirs.hex],
        [48, der],
      );
    }
    const newKey = "11".repeat(40);
    const set = await pair.call("session_set1", {
      session: client,
      field: "master_key",
      hex: newKey,
      overwriteInput: true,
    });
    ctx.expect.equal("MK-9", `TLS ${tls}: set1_master_key of 40 bytes returns 1`, set.rc, 1);
    const after = await pair.call("copy_out", { field: "master_key", session: client, outlen: 48 });
    ctx.expect.equal(
      "MK-6",
      `TLS ${tls}: the session's master key is now the 40 bytes set`,
      after.rc,
      40,
    );
    ctx.expect.equal(
      "MK-7",
      `TLS ${tls}: they are a copy: overwriting the input afterwards did not change them`,
      after.hex.slice(0, 80),
      newKey,
    );
    const tooLong = await pair.call("session_set1", {
      session: client,
      field: "master_key",
      hex: "22".repeat(513),
    });
    ctx.expect.equal(
      "MK-9",
      `TLS ${tls}: 513 bytes (over any build's field) return 0`,
      tooLong.rc,
      0,
    );
    await pair.call("session_free", { session: client });
  },
});
