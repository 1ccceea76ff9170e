import { defineScenario } from "../../mod.ts";
import { plantSession } from "./_planted.ts";
import { sessNumber, watchedServerCtx } from "./_server_ctx.ts";

/**
 * Server SSL_CTX objects in memory, filled with `SSL_CTX_add_session` (the cache the sessions'
 * only owner). A fresh context reports 20480; setting 3 returns 20480 and the getter says 3.
 * Size 0: 300 sessions all stay. Three sessions, then size 1: still three until the next add,
 * which leaves one. Reclaiming by flush: a probe context of size 3 is filled until
 * an add first counts a `cache_full` drop (its capacity, whatever the version makes of the size);
 * another is filled to that capacity with the oldest session expired: after
 * `SSL_CTX_flush_sessions` one more add drops nothing, while without the flush it drops one.
 */
export default defineScenario({
  quote: "SSL_CTX_sess_set_cache_size() returns the previously valid size. " +
    "SSL_CTX_sess_get_cache_size() returns the currently valid size.",
  claims: ["CZ-2", "CZ-3", "CZ-4", "CZ-6", "CZ-7", "CZ-8", "CZ-9"],
  tags: ["ffi", "api", "cache"],
  requires: ["api"],
  mutants: ["cache_size_ignored", "add_session_noop", "flush_noop"],
  async run(ctx) {
    const d = await ctx.ffi();
    const sized = await watchedServerCtx(d);
    const fresh = await d.call("ctx_cache_size", { ctx: sized });
    ctx.expect.equal("CZ-3", "a fresh SSL_CTX's cache size is 1024*20", fresh.size, 20480);
    const set = await d.call("ctx_cache_size", { ctx: sized, set: 3 });
    ctx.expect.equal("CZ-8", "setting 3 returns the previous size", set.returned, 20480);
    ctx.expect.equal("CZ-9", "then the getter returns 3", set.size, 3);
    ctx.expect.equal(
      "CZ-2",
      "and still does later",
      (await d.call("ctx_cache_size", { ctx: sized })).size,
      3,
    );

    const unlimited = await watchedServerCtx(d);
    await d.call("ctx_cache_size", { ctx: unlimited, set: 0 });
    for (let id = 1; id <= 300; id++) await plantSession(d, unlimited, { id });
    ctx.expect.equal("CZ-4", "size 0: 300 adds keep 300", await sessNumber(d, unlimited), 300);

    const shrunk = await watchedServerCtx(d);
    for (const id of [1, 2, 3]) await plantSession(d, shrunk, { id });
    await d.call("ctx_cache_size", { ctx: shrunk, set: 1 });
    ctx.expect.equal("CZ-7", "size cut to 1: the 3 stay for now", await sessNumber(d, shrunk), 3);
    await plantSession(d, shrunk, { id: 4 });
    ctx.expect.equal("CZ-7", "the next add leaves 1", await sessNumber(d, shrunk), 1);

    let capacity = 0;
    for (let id = 1; id <= 10; id++) {
      capacity = await sessNumber(d, sized);
      await plantSession(d, sized, { id });
      if ((await d.call("ctx_stats", { ctx: sized })).cacheFull > 0) break;
    }
    ctx.note(`size 3 holds ${capacity} session(s) before an add drops one`);
    const now = Math.floor(Date.now() / 1000);
    for (const flush of [false, true]) {
      const c = await watchedServerCtx(d);
      await d.call("ctx_cache_size", { ctx: c, set: 3 });
      await plantSession(d, c, { id: 1, timeout: 10, time: now - 100 });
      for (let id = 2; id <= capacity; id++) await plantSession(d, c, { id });
      if (flush) await d.call("ctx_flush_sessions", { ctx: c, time: now });
      await plantSession(d, c, { id: 99 });
      ctx.expect.equal(
        "CZ-6",
        `${
          flush ? "after a flush" : "control, no flush"
        }: sessions dropped for space by one more add`,
        (await d.call("ctx_stats", { ctx: c })).cacheFull,
        flush ? 0 : 1,
      );
    }
  },
});
