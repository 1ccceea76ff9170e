import { defineScenario, TLS_VARIANTS, tlsVersion } from "../../mod.ts";

/**
 * SSL_get_session(3) / SSL_set_session(3): "SSL_SESSION objects are only meant to be used with
 * the SSL_CTX they were created from" (session id context).
 *
 * The server's SSL_CTX is what a session belongs to. Control: the same server resumes it. The
 * same ticket taken to another s_server process (another SSL_CTX, same options) is not
 * resumed, nor at a server with another `-context`; for TLS 1.2 session IDs likewise. Another
 * process explains both "New," lines by itself (other ticket keys, other cache), so the check
 * that the context alone decides, with a same-process control, is
 * `session_bound_to_context_api` (one SSL_CTX, two contexts, every resumption mode).
 */
export default defineScenario({
  quote: "One SSL_SESSION must only be used with one SSL_CTX (session id context).",
  claims: ["GS-15"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls12", "tls13"],
  variants: { tls: TLS_VARIANTS },
  mutants: ["full_handshakes"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const noTicket = tls === "1.2";
    const home = await ctx.sServer({ tls, context: "home", noTicket });
    const issued = await ctx.sClient(home, { sessOut: `home-${tls}.pem` });
    ctx.expect.equal(
      "GS-15",
      "the home server issued a session",
      issued.sessionFileState,
      "present",
    );
    const back = await ctx.sClient(home, { sessIn: `home-${tls}.pem` });
    ctx.expect.equal(
      "GS-15",
      "control: the issuing server resumes it",
      back.reused,
      true,
    );

    const twin = await ctx.sServer({ tls, context: "home", noTicket });
    const atTwin = await ctx.sClient(twin, { sessIn: `home-${tls}.pem` });
    ctx.expect.equal(
      "GS-15",
      "another server process (another SSL_CTX) does not resume it",
      atTwin.reused,
      false,
    );

    const other = await ctx.sServer({ tls, context: "elsewhere", noTicket });
    const atOther = await ctx.sClient(other, { sessIn: `home-${tls}.pem` });
    ctx.expect.equal(
      "GS-15",
      "a server with another -context does not resume it",
      atOther.reused,
      false,
    );
    await Promise.all([home.stop(), twin.stop(), other.stop()]);
  },
});
