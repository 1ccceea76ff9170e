import { claimQuotes, defineScenario, expectSession, type TlsVersionName } from "../../mod.ts";

const CLAIMS = ["TO-9"];

/**
 * Without SSL_CTX_set_timeout: a fresh SSL_CTX of TLS_method, TLS_client_method and
 * TLS_server_method (SSL_CTX_get_timeout), the SSL_get_default_timeout of connections that
 * negotiated TLS 1.2 and TLS 1.3, and the timeout of those connections' server sessions are
 * all one value; then that value is compared with the page's 300 seconds.
 *
 * It fails if a protocol or a method had another default than the others, or the default is
 * not 300 s.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api"],
  requires: ["api"],
  mutants: ["default_timeout_per_protocol"],
  async run(ctx) {
    const d = await ctx.ffi();
    const seen: Record<string, number | null> = {};
    for (const role of ["any", "client", "server"] as const) {
      const { ctx: c } = await d.call("ctx_new", { role });
      seen[`SSL_CTX_get_timeout(${role} method)`] = (await d.call("ctx_get_timeout", { ctx: c }))
        .timeout;
      await d.call("ctx_free", { ctx: c });
    }
    for (const tls of ["1.2", "1.3"] as TlsVersionName[]) {
      const pair = await ctx.ffiPair({ tls: tls as "1.2" | "1.3" });
      const conn = await pair.connect();
      seen[`SSL_get_default_timeout(TLS ${tls})`] = (await d.call("ssl_default_timeout", {
        ssl: conn.server,
      })).timeout;
      const session = expectSession(
        ctx.expect,
        "TO-9",
        `TLS ${tls}: the server has a session`,
        await d.call("get_session", { ssl: conn.server }),
      );
      seen[`TLS ${tls} session timeout`] = (await d.call("session_info", { session })).timeout;
    }
    const values = [...new Set(Object.values(seen))];
    ctx.note(`defaults: ${JSON.stringify(seen)}`);
    ctx.expect.equal(
      "TO-9",
      "all protocols and methods have the same default timeout",
      values.length,
      1,
    );
    ctx.expect.equal("TO-9", "that default is 300 seconds", values[0], 300);
  },
});
