import { defineScenario, modeTls, modeUsesServerCache, RESUMPTION_MODES } from "../../mod.ts";

const hex = (s: string) => new TextEncoder().encode(s).toHex();

/**
 * The same-process control `session_bound_to_context` cannot have: one server SSL_CTX (one
 * session cache, one ticket key), two session ID contexts set per SSL
 * (`SSL_set_session_id_context`). A client session issued under `home` is offered to a server
 * SSL of the same SSL_CTX under `elsewhere` (not resumed), then under `home` again (resumed):
 * only the context differs between the two, so the check fails if contexts were ignored, which
 * a second `s_server` process (other keys, other cache) could not show. In every resumption
 * mode (TLS 1.2 session ID and ticket, TLS 1.3 stateless and stateful ticket).
 */
export default defineScenario({
  quote: "One SSL_SESSION object, regardless of its reference count, must therefore only be used " +
    "with one SSL_CTX object (and the SSL objects created from this SSL_CTX object). … " +
    "SSL_set_session_id_context() sets the context sid_ctx of length sid_ctx_len within which " +
    "a session can be reused for the ssl object.",
  claims: ["GS-15", "IC-2"],
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  mutants: ["sid_ctx_ignored", "set_session_noop"],
  variants: { mode: RESUMPTION_MODES },
  async run(ctx) {
    const { mode } = ctx.variant;
    const pair = await ctx.ffiPair({
      tls: modeTls(mode),
      noTicket: modeUsesServerCache(mode),
      numTickets: 1,
    });
    const connect = async (context: string, session?: number) => {
      const { client, server } = await pair.newSsls();
      const set = await pair.call("ssl_set_session_id_context", { ssl: server, hex: hex(context) });
      if (set.rc !== 1) throw new Error(`SSL_set_session_id_context returned ${set.rc}`);
      if (session !== undefined) await pair.call("set_session", { ssl: client, session });
      const r = await pair.call("handshake", { client, server, readTickets: true });
      return { client, server, reused: [r.clientReused, r.serverReused] };
    };
    const issued = await connect("home");
    const session = pair.expectSession(
      "GS-15",
      'the client has a session issued under context "home"',
      await pair.call("get_session", { ssl: issued.client, variant: "get1" }),
    );
    const elsewhere = await connect("elsewhere", session);
    ctx.expect.equal(
      "IC-2",
      'same SSL_CTX, context "elsewhere": not resumed (client and server)',
      elsewhere.reused,
      [false, false],
    );
    const home = await connect("home", session);
    ctx.expect.equal(
      "GS-15",
      'control: same SSL_CTX, context "home" again: resumed (client and server)',
      home.reused,
      [true, true],
    );
  },
});
