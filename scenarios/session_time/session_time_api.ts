import {
  claimQuotes,
  decodeSessionDer,
  defineScenario,
  type TimeFunction,
  TLS_VARIANTS,
  tlsVersion,
} from "../../mod.ts";

const CLAIMS = ["ST-1", "ST-2", "ST-3", "ST-4", "ST-5", "ST-6", "ST-7", "ST-9", "ST-11"];

/** The server context's SSL_CTX_set_timeout. */
const SERVER_TIMEOUT = 1234;

/** The `SSL_*` synonyms and the functions they stand for. */
const SYNONYMS: [TimeFunction, TimeFunction][] = [
  ["SSL_get_time", "SSL_SESSION_get_time"],
  ["SSL_set_time", "SSL_SESSION_set_time"],
  ["SSL_get_timeout", "SSL_SESSION_get_timeout"],
  ["SSL_set_timeout", "SSL_SESSION_set_timeout"],
];

/**
 * TLS 1.2 (session IDs) and TLS 1.3 in memory, the server context's timeout 1234 s: the
 * server's session (and under TLS 1.2 the client's) has a creation time between the clock read
 * before and after the handshake, in epoch seconds, and the timeout of the context that made it
 * (SSL_CTX_get_timeout). On a kept session, SSL_SESSION_set_time and SSL_SESSION_set_timeout
 * (`_ex` where exported) change what the getters and the session's i2d DER say. The `SSL_*`
 * synonyms are macros in every header: a build that exported them as functions would have to
 * answer as the `SSL_SESSION_*` ones. All four functions given NULL return 0.
 *
 * It fails if a time or timeout is not the session's, or a setter did not change it.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api", "tls12", "tls13"],
  // The DER witness is the harness codec of OpenSSL's SSL_SESSION encoding.
  requires: ["api", "session-file:openssl-pem"],
  mutants: ["set_time_noop", "set_timeout_noop"],
  variants: { tls: TLS_VARIANTS },
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const pair = await ctx.ffiPair({
      tls,
      noTicket: tls === "1.2",
      serverTimeout: SERVER_TIMEOUT,
    });
    const before = Math.floor(Date.now() / 1000);
    const conn = await pair.connect();
    const after = Math.ceil(Date.now() / 1000);
    const ends = tls === "1.2" ? (["server", "client"] as const) : (["server"] as const);
    for (const end of ends) {
      const session = pair.expectSession(
        "ST-1",
        `TLS ${tls}: the ${end} has a session`,
        await pair.call("get_session", { ssl: conn[end] }),
      );
      const info = await pair.call("session_info", { session });
      ctx.expect.ok(
        "ST-1",
        `TLS ${tls}: the ${end} session was established during the handshake`,
        info.time !== null && info.time >= before && info.time <= after,
        { time: info.time, before, after },
      );
      ctx.expect.ok(
        "ST-2",
        `TLS ${tls}: in seconds since the Epoch (within 5 s of time())`,
        Math.abs((info.time ?? 0) - Date.now() / 1000) < 5,
        info.time,
      );
      const { timeout } = await pair.call("ctx_get_timeout", {
        ctx: end === "server" ? pair.serverCtx : pair.clientCtx,
      });
      ctx.expect.equal(
        "ST-7",
        `TLS ${tls}: the ${end} session's timeout is its context's at creation (${timeout})`,
        info.timeout,
        timeout,
      );
      if (end === "server") {
        ctx.expect.equal(
          "ST-4",
          `TLS ${tls}: the server session's timeout is the ${SERVER_TIMEOUT} s set`,
          info.timeout,
          SERVER_TIMEOUT,
        );
      }
    }
    const kept = pair.expectSession(
      "ST-3",
      `TLS ${tls}: a kept client session`,
      await pair.call("get_session", { ssl: conn.client, variant: "get1" }),
    );
    const t0 = 1_700_000_000;
    const setTime = await pair.call("session_set_time", { session: kept, time: t0 });
    ctx.note(`TLS ${tls}: ${setTime.function} returned ${setTime.rc}`);
    const setTimeout = await pair.call("session_set_timeout", { session: kept, seconds: 77 });
    ctx.expect.equal(
      "ST-5",
      `TLS ${tls}: SSL_SESSION_set_timeout(77) returns 1`,
      setTimeout.rc,
      1,
    );
    const now = await pair.call("session_info", { session: kept });
    ctx.expect.equal("ST-3", `TLS ${tls}: the creation time is now the one set`, now.time, t0);
    ctx.expect.equal("ST-5", `TLS ${tls}: the timeout is now 77 s`, now.timeout, 77);
    const der = decodeSessionDer(
      Uint8Array.fromBase64((await pair.call("session_i2d", { session: kept })).der),
    );
    ctx.expect.equal(
      "ST-9",
      `TLS ${tls}: those are the session's valid values (its DER says them too)`,
      [der.time, der.timeout],
      [t0, 77],
    );
    await pair.call("session_free", { session: kept });

    const blank = pair.expectSession("ST-6", "SSL_SESSION_new returns a session", {
      session: (await pair.call("session_new", {})).session,
    });
    for (const [synonym, real] of SYNONYMS) {
      if (pair.driver.missingSymbols.includes(synonym)) {
        ctx.expect.ok(
          "ST-6",
          `${synonym} is a macro for ${real} (not exported) and ${real} is exported`,
          !pair.driver.missingSymbols.includes(real),
          pair.driver.missingSymbols,
        );
        continue;
      }
      const value = 1_600_000_000;
      const a = await pair.call("session_time_call", { function: synonym, session: blank, value });
      const b = await pair.call("session_time_call", { function: real, session: blank, value });
      ctx.expect.equal("ST-6", `the exported ${synonym} answers as ${real}`, a.rc, b.rc);
    }
    await pair.call("session_free", { session: blank });
    for (const [, real] of SYNONYMS) {
      const { rc } = await pair.call("session_time_call", {
        function: real,
        session: null,
        value: 5,
      });
      ctx.expect.equal("ST-11", `${real}(NULL) returns 0`, rc, 0);
    }
  },
});
