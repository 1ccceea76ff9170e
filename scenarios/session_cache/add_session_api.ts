import { defineScenario, wasFreed } from "../../mod.ts";
import { plantedId, plantSession } from "./_planted.ts";
import { sessNumber, watchedServerCtx } from "./_server_ctx.ts";

/**
 * A bare server SSL_CTX in memory and sessions made with `SSL_SESSION_new` + `SSL_SESSION_set1_id`;
 * references are read from the driver's free callback. Adding returns 1, counts one more cached
 * session, and keeps the session alive after the caller's `SSL_SESSION_free`. Adding the same
 * object again returns 0. A second object with the same ID replaces the first, which is freed
 * (the cache held its last reference). Removing returns 1, counts one fewer, frees a session whose
 * last reference the cache held and leaves one the caller still holds alive but not resumable.
 * Removing a session that is not cached returns 0.
 */
export default defineScenario({
  quote: "SSL_CTX_add_session() adds the session c to the context ctx. The reference count for " +
    "session c is incremented by 1.",
  claims: ["AS-1", "AS-2", "AS-3", "AS-4", "AS-5", "AS-6", "AS-7", "AS-10", "AS-11"],
  tags: ["ffi", "api", "cache"],
  requires: ["api"],
  mutants: ["add_session_noop", "remove_session_noop"],
  async run(ctx) {
    const d = await ctx.ffi();
    const c = await watchedServerCtx(d);
    const first = await plantSession(d, c, { id: 1, keep: true });
    ctx.expect.equal(
      "AS-1",
      "adding a session returns 1 and caches it",
      [first.rc, await sessNumber(d, c)],
      [1, 1],
    );
    const twice = await d.call("ctx_add_session", { ctx: c, session: first.session });
    ctx.expect.equal("AS-10", "adding the same object again returns 0", twice.rc, 0);
    ctx.expect.equal("AS-7", "and changes nothing", await sessNumber(d, c), 1);
    const { freed } = await d.call("session_free", { session: first.session });
    ctx.expect.equal(
      "AS-2",
      "after the caller's free the cache's reference keeps it",
      freed,
      false,
    );

    const twin = await plantSession(d, c, { id: 1, keep: true });
    ctx.expect.equal(
      "AS-3",
      "a second object with the same ID: added, the first freed, still one cached",
      [twin.rc, await wasFreed(d, first.session), await sessNumber(d, c)],
      [1, true, 1],
    );
    const { id } = await d.call("session_id", { session: twin.session });
    ctx.expect.equal("AS-6", "the cache now holds the new object under that ID", id, plantedId(1));
    const removed = await d.call("ctx_remove_session", { ctx: c, session: twin.session });
    ctx.expect.equal(
      "AS-4",
      "removing returns 1 and uncaches it",
      [removed.rc, await sessNumber(d, c)],
      [1, 0],
    );
    ctx.expect.equal(
      "AS-4",
      "the removed session (still held by the caller) is no longer resumable",
      (await d.call("session_is_resumable", { session: twin.session })).resumable,
      false,
    );
    ctx.expect.equal(
      "AS-5",
      "removing released the cache's reference only: the caller's keeps it",
      await wasFreed(d, twin.session),
      false,
    );
    await d.call("session_free", { session: twin.session });
    ctx.expect.equal(
      "AS-5",
      "(control: the caller's free then frees it)",
      await wasFreed(d, twin.session),
      true,
    );

    const cacheOwned = await plantSession(d, c, { id: 3 });
    await d.call("ctx_remove_session", { ctx: c, session: cacheOwned.session });
    ctx.expect.equal(
      "AS-5",
      "removing a session whose last reference the cache held frees it",
      await wasFreed(d, cacheOwned.session),
      true,
    );
    const stranger = (await d.call("session_new", {})).session!;
    await d.call("session_set1", { field: "id", session: stranger, hex: plantedId(4) });
    ctx.expect.equal(
      "AS-11",
      "removing a session not in the cache returns 0",
      (await d.call("ctx_remove_session", { ctx: c, session: stranger })).rc,
      0,
    );
    await d.call("session_free", { session: stranger });
  },
});
