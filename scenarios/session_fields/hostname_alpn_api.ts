import { expectSession } from "../../mod.ts";
import {
  claimQuotes,
  defineScenario,
  type FfiDriver,
  type Handle,
  TLS_VARIANTS,
  tlsVersion,
} from "../../mod.ts";

const CLAIMS = ["HN-1", "HN-2", "HN-3", "HN-4", "HN-5", "HN-6", "HN-7", "HN-8", "HN-9"];

const HOST = "localhost";
const hex = (s: string) => new TextEncoder().encode(s).toHex();

/**
 * TLS 1.2 and TLS 1.3 in memory, the client sending SNI `localhost` (SSL_set_tlsext_host_name)
 * and offering ALPN `x1`, `h2` to a server that selects `h2`. With a servername callback that
 * acknowledges (SSL_TLSEXT_ERR_OK), both ends' sessions hold the hostname; with one that does
 * not (SSL_TLSEXT_ERR_NOACK), and when no SNI is sent, they hold NULL. Both ends' sessions
 * hold the selected `h2`; without ALPN they hold none. The setters then give a session another
 * hostname and ALPN protocol, their input buffers overwritten right after the call (a copy
 * survives that), and return 1.
 *
 * It fails if an acknowledged SNI is missing, an unacknowledged one is kept, the selected ALPN
 * is not in the session, or a setter did not copy its value.
 */
export default defineScenario({
  quote: claimQuotes(...CLAIMS),
  claims: CLAIMS,
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  mutants: ["hostname_null", "alpn_set_noop"],
  variants: { tls: TLS_VARIANTS },
  async run(ctx) {
    const field = async (d: FfiDriver, session: Handle, f: "hostname" | "alpn") =>
      (await d.call("session_get0", { session, field: f })).value;
    const tls = tlsVersion(ctx.variant.tls);
    for (const sni of ["ack", "noack", "none"] as const) {
      const pair = await ctx.ffiPair({ tls });
      await pair.call("ctx_sni_ack", { ctx: pair.serverCtx, ack: sni === "ack" });
      if (sni === "ack") {
        await pair.call("ctx_alpn", { ctx: pair.serverCtx, role: "server", protocols: ["h2"] });
        const alpn = await pair.call("ctx_alpn", {
          ctx: pair.clientCtx,
          role: "client",
          protocols: ["x1", "h2"],
        });
        ctx.expect.equal("HN-4", `TLS ${tls}: the client offers ALPN (0 = success)`, alpn.rc, 0);
      }
      const ssls = await pair.newSsls();
      if (sni !== "none") {
        const { rc } = await pair.call("ssl_set_sni", { ssl: ssls.client, hostname: HOST });
        ctx.expect.equal("HN-1", `TLS ${tls}: the client sends SNI ${HOST}`, rc, 1);
      }
      await pair.call("handshake", { ...ssls, readTickets: true });
      for (const end of ["client", "server"] as const) {
        const session = pair.expectSession(
          "HN-7",
          `TLS ${tls}, SNI ${sni}: the ${end} has a session`,
          await pair.call("get_session", { ssl: ssls[end] }),
        );
        const host = await field(pair.driver, session, "hostname");
        if (sni === "ack") {
          ctx.expect.equal(
            "HN-1",
            `TLS ${tls}: SNI acknowledged: the ${end} session holds ${HOST}`,
            host,
            HOST,
          );
        } else {
          ctx.expect.equal(
            "HN-2",
            `TLS ${tls}: SNI ${sni === "none" ? "not sent" : "not acknowledged"}: the ${end} ` +
              "session's hostname is NULL",
            host,
            null,
          );
        }
        ctx.expect.equal(
          "HN-4",
          `TLS ${tls}, SNI ${sni}: the ${end} session's ALPN is ${
            sni === "ack" ? "h2" : "none (NULL)"
          }`,
          await field(pair.driver, session, "alpn"),
          sni === "ack" ? hex("h2") : null,
        );
      }
    }
    const d = await ctx.ffi();
    const blank = expectSession(ctx.expect, "HN-7", "SSL_SESSION_new returns a session", {
      session: (await d.call("session_new", {})).session,
    });
    ctx.expect.equal(
      "HN-7",
      "a blank session has no SNI: NULL",
      await field(d, blank, "hostname"),
      null,
    );
    const setHost = await d.call("session_set1", {
      session: blank,
      field: "hostname",
      text: "example.test",
      overwriteInput: true,
    });
    ctx.expect.equal("HN-8", "set1_hostname returns 1", setHost.rc, 1);
    ctx.expect.equal(
      "HN-3",
      "the session holds a copy of the hostname (input overwritten afterwards)",
      await field(d, blank, "hostname"),
      "example.test",
    );
    const setAlpn = await d.call("session_set1", {
      session: blank,
      field: "alpn",
      hex: hex("http/1.1"),
      overwriteInput: true,
    });
    ctx.expect.equal("HN-9", "set1_alpn_selected returns 1", setAlpn.rc, 1);
    ctx.expect.equal(
      "HN-5",
      "the session's ALPN protocol is the one set",
      (await d.call("session_get0", { session: blank, field: "alpn" })).length,
      8,
    );
    ctx.expect.equal(
      "HN-6",
      "and it is a copy (input overwritten afterwards)",
      await field(d, blank, "alpn"),
      hex("http/1.1"),
    );
    await d.call("session_free", { session: blank });
  },
});
