import { claimQuotes, defineScenario, toHex } from "../../mod.ts";
import { decodedSession } from "./_decoded_api.ts";

const CLAIMS = ["SI-1", "SI-2", "SI-3", "SI-4", "SI-5", "SI-6"];

/**
 * TLS 1.2 with session IDs (SSL_OP_NO_TICKET) in memory: SSL_SESSION_get_id of the server's and
 * the client's session returns a pointer to the same 32-byte ID, the one in the session's i2d
 * DER; a blank SSL_SESSION_new session's ID has length 0. SSL_SESSION_set1_id then sets 16 and
 * 32 bytes (returning 1; the getter reads them back) and refuses 33 bytes
 * (SSL_MAX_SSL_SESSION_ID_LENGTH is 32) with 0, leaving the ID as it was.
 *
 * It fails if the ID read is not the session's, or the setter accepted too long an ID or did
 * not set one.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api", "tls12"],
  // The DER witness is the harness codec of OpenSSL's SSL_SESSION encoding.
  requires: ["api", "session-file:openssl-pem"],
  mutants: ["set1_id_unchecked"],
  async run(ctx) {
    const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const conn = await pair.connect();
    const ids: Record<string, string | number | null> = {};
    for (const end of ["server", "client"] as const) {
      const session = pair.expectSession(
        "SI-1",
        `the ${end} has a session`,
        await pair.call("get_session", { ssl: conn[end] }),
      );
      const id = await pair.call("session_get0", { session, field: "id" });
      ctx.expect.ok("SI-5", `the ${end}'s get_id returns a pointer`, id.ptr !== null, id.ptr);
      ctx.expect.equal("SI-2", `the ${end} session's ID is 32 bytes`, id.length, 32);
      ctx.expect.equal(
        "SI-1",
        `the ${end} session's ID is the one in its DER`,
        id.value,
        toHex((await decodedSession(pair.driver, session)).sessionId),
      );
      ids[end] = id.value;
    }
    ctx.expect.equal("SI-1", "both ends hold the same ID", ids.client, ids.server);

    const blank = pair.expectSession("SI-3", "SSL_SESSION_new returns a session", {
      session: (await pair.call("session_new", {})).session,
    });
    const none = await pair.call("session_get0", { session: blank, field: "id" });
    ctx.expect.equal("SI-3", "a blank session's ID has length 0", none.length, 0);
    for (const n of [16, 32]) {
      const value = "5a".repeat(n);
      const set = await pair.call("session_set1", { session: blank, field: "id", hex: value });
      ctx.expect.equal("SI-6", `set1_id of ${n} bytes returns 1`, set.rc, 1);
      const got = await pair.call("session_get0", { session: blank, field: "id" });
      ctx.expect.equal("SI-4", `the ID is now those ${n} bytes`, [got.value, got.length], [
        value,
        n,
      ]);
    }
    const tooLong = await pair.call("session_set1", {
      session: blank,
      field: "id",
      hex: "77".repeat(33),
    });
    ctx.expect.equal(
      "SI-6",
      "33 bytes (over SSL_MAX_SSL_SESSION_ID_LENGTH) return 0",
      tooLong.rc,
      0,
    );
    ctx.expect.equal(
      "SI-4",
      "and leave the ID as it was",
      (await pair.call("session_get0", { session: blank, field: "id" })).value,
      "5a".repeat(32),
    );
    await pair.call("session_free", { session: blank });
  },
});
