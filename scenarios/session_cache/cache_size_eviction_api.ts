import { defineScenario } from "../../mod.ts";
import { plantSession } from "./_planted.ts";
import { sessNumber, watchedServerCtx } from "./_server_ctx.ts";

/**
 * Server SSL_CTX objects in memory filled with `SSL_CTX_add_session` (the cache the sessions'
 * only owner), watched with `SSL_CTX_sess_number` and the remove callback. Size 2, three adds:
 * two stay and the one dropped is the first added.
 */
export default defineScenario({
  quote:
    "If adding the session makes the cache exceed its size, then unused sessions are dropped " +
    "from the end of the cache.",
  claims: ["CZ-1", "CZ-5"],
  tags: ["ffi", "api", "cache"],
  requires: ["api"],
  mutants: ["cache_size_ignored"],
  async run(ctx) {
    const d = await ctx.ffi();
    const small = await watchedServerCtx(d);
    await d.call("ctx_cache_size", { ctx: small, set: 2 });
    const planted = [];
    const counts = [];
    for (const id of [1, 2, 3]) {
      planted.push((await plantSession(d, small, { id })).session);
      counts.push(await sessNumber(d, small));
    }
    const { removed } = await d.call("ctx_callback_calls", { ctx: small });
    ctx.note(
      `size 2: sessions cached after each add ${counts}; removed ${removed.map((r) => r.session)}`,
    );
    ctx.expect.equal("CZ-1", "size 2: sessions cached after each of three adds", counts, [1, 2, 2]);
    ctx.expect.equal(
      "CZ-5",
      "the one dropped is the first added (the end of the cache)",
      removed.map((r) => r.session),
      [planted[0]],
    );
  },
});
