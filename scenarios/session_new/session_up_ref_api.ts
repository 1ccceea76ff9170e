import { defineScenario } from "../../mod.ts";

/**
 * A session from SSL_SESSION_new() (count 1): up_ref returns 1, and then two SSL_SESSION_free
 * calls are needed, the first leaving it alive. A connection's session obtained with
 * SSL_get_session() (owned by the SSL alone): after up_ref, SSL_free no longer frees it, and
 * one SSL_SESSION_free does.
 *
 * It fails if up_ref did not return 1 or did not add a reference (the first free, or SSL_free,
 * would free the session).
 */
export default defineScenario({
  quote: "SSL_SESSION_up_ref() increments the reference count on the given SSL_SESSION " +
    "structure. SSL_SESSION_up_ref returns 1 on success.",
  claims: ["SN-3"],
  tags: ["ffi", "api", "tls12"],
  requires: ["api"],
  mutants: ["up_ref_noop"],
  async run(ctx) {
    const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const { session } = await pair.call("session_new", {});
    const up = await pair.call("session_up_ref", { session: session! });
    ctx.expect.equal("SN-3", "up_ref returns 1", up.rc, 1);
    const first = await pair.call("session_free", { session });
    ctx.expect.equal("SN-3", "after up_ref the first free leaves it alive", first.freed, false);
    const second = await pair.call("session_free", { session });
    ctx.expect.equal("SN-3", "the second free frees it", second.freed, true);

    const conn = await pair.connect();
    await pair.call("shutdown", { client: conn.client, server: conn.server });
    const live = pair.expectSession(
      "SN-3",
      "the connection has a session",
      await pair.call("get_session", { ssl: conn.client }),
    );
    const up2 = await pair.call("session_up_ref", { session: live });
    ctx.expect.equal("SN-3", "up_ref on the connection's session returns 1", up2.rc, 1);
    const { freed } = await pair.call("ssl_free", { ssl: conn.client });
    ctx.expect.equal("SN-3", "SSL_free then does not free it", freed.includes(live), false);
    const last = await pair.call("session_free", { session: live });
    ctx.expect.equal("SN-3", "one SSL_SESSION_free does", last.freed, true);
    await pair.call("ssl_free", { ssl: conn.server });
  },
});
