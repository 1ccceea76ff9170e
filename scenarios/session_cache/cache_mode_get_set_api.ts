import { defineScenario } from "../../mod.ts";

/**
 * Fresh SSL_CTX objects of the client, server and generic methods report mode 2
 * (`SSL_CTX_get_session_cache_mode`). A fresh client context connecting (TLS 1.2) to a caching
 * server caches nothing and its new-session callback is not called. Then a sequence of
 * `SSL_CTX_set_session_cache_mode` calls: each returns the mode before it, and the getter
 * returns the mode just set.
 */
export default defineScenario({
  quote:
    "The default mode is SSL_SESS_CACHE_SERVER. SSL_CTX_set_session_cache_mode() returns the " +
    "previously set cache mode. SSL_CTX_get_session_cache_mode() returns the currently set cache " +
    "mode.",
  claims: ["CM-1", "CM-6", "CM-15", "CM-16", "CM-17"],
  tags: ["ffi", "api", "cache"],
  requires: ["api"],
  mutants: ["cache_mode_ignored"],
  async run(ctx) {
    const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const { ctx: freshClient } = await pair.call("ctx_new", {
      role: "client",
      caFile: ctx.pki.caCert,
      minVersion: "1.2",
      maxVersion: "1.2",
    });
    const { ctx: freshAny } = await pair.call("ctx_new", { role: "any" });
    for (const [name, c] of [["client", freshClient], ["generic", freshAny]] as const) {
      ctx.expect.equal(
        "CM-15",
        `a fresh ${name} SSL_CTX: SSL_SESS_CACHE_SERVER`,
        (await pair.call("ctx_cache_mode", { ctx: c })).mode,
        2,
      );
    }
    const server = await pair.call("ctx_cache_mode", { ctx: pair.serverCtx });
    ctx.expect.equal("CM-1", "the server SSL_CTX uses SSL_SESS_CACHE_SERVER", server.mode, 2);

    const { ssl: client } = await pair.call("ssl_new", { ctx: freshClient });
    const { ssl: srv } = await pair.call("ssl_new", { ctx: pair.serverCtx });
    await pair.call("handshake", { client, server: srv });
    ctx.expect.equal(
      "CM-6",
      "a fresh client SSL_CTX caches no session and calls no new-session callback",
      [
        (await pair.call("ctx_sess_number", { ctx: freshClient })).count,
        (await pair.call("ctx_new_sessions", { ctx: freshClient })).count,
      ],
      [0, 0],
    );
    ctx.expect.equal(
      "CM-6",
      "control: the server cached it",
      (await pair.call("ctx_sess_number", { ctx: pair.serverCtx })).count,
      1,
    );

    let previous = 2;
    for (const mode of [0x001, 0x003, 0x302, 0x000, 0x082]) {
      const r = await pair.call("ctx_cache_mode", { ctx: freshAny, set: mode });
      const hex = `0x${mode.toString(16)}`;
      ctx.expect.equal("CM-16", `set ${hex} returns the previous mode`, r.returned, previous);
      ctx.expect.equal("CM-17", `get after set ${hex} returns ${hex}`, r.mode, mode);
      previous = mode;
    }
  },
});
