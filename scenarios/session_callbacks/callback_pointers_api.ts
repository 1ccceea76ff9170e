import { claimQuotes, defineScenario } from "../../mod.ts";

/**
 * Server SSL_CTX objects in the driver. One made without the driver's new-session callback
 * (`noNewSessionCallback`): `SSL_CTX_sess_get_new_cb`, `_get_remove_cb` and `_get_get_cb` all
 * return NULL. One with the driver's new-session callback and its remove and get
 * callbacks installed: each getter returns the pointer that was set.
 */
export default defineScenario({
  quote: claimQuotes("NC-4", "NC-5"),
  claims: ["NC-4", "NC-5"],
  tags: ["ffi", "api", "callbacks"],
  requires: ["api"],
  mutants: ["remove_cb_unset", "get_cb_unset"],
  async run(ctx) {
    const d = await ctx.ffi();
    const { ctx: bare } = await d.call("ctx_new", { role: "server", noNewSessionCallback: true });
    const none = await d.call("ctx_callback_pointers", { ctx: bare });
    ctx.expect.equal(
      "NC-4",
      "no callback set: the three getters return NULL",
      [none.new, none.remove, none.get],
      [null, null, null],
    );
    const { ctx: full } = await d.call("ctx_new", { role: "server" });
    const set = await d.call("ctx_session_callbacks", { ctx: full, remove: true, get: true });
    const got = await d.call("ctx_callback_pointers", { ctx: full });
    ctx.expect.equal(
      "NC-5",
      "each getter returns the pointer set [new, remove, get]",
      [got.new, got.remove, got.get],
      [got.driverNew, set.remove, set.get],
    );
    ctx.expect.ok("NC-5", "(the pointers are real)", set.remove !== null && set.get !== null, set);
  },
});
