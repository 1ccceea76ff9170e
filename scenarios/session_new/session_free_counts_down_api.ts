import { defineScenario } from "../../mod.ts";

/**
 * A session from SSL_SESSION_new() brought to a count of 3 with two SSL_SESSION_up_ref calls:
 * the free callback fires on the third SSL_SESSION_free and not before. SSL_SESSION_free(NULL)
 * in between frees nothing (no free callback, tagged or not), does not crash the driver and
 * does not change the count (still exactly three frees needed).
 *
 * It fails if SSL_SESSION_free freed at a count above 0, never freed, or if free(NULL) crashed
 * or released a reference of anything.
 */
export default defineScenario({
  quote: "SSL_SESSION_free() decrements the reference count of session and frees it if the " +
    "reference count has reached 0. If session is NULL nothing is done.",
  claims: ["SN-4"],
  tags: ["ffi", "api"],
  requires: ["api"],
  mutants: ["session_free_noop", "up_ref_noop"],
  async run(ctx) {
    const d = await ctx.ffi();
    const { session } = await d.call("session_new", {});
    await d.call("session_up_ref", { session: session! });
    await d.call("session_up_ref", { session: session! });
    for (let i = 1; i <= 3; i++) {
      const before = await d.call("freed_sessions", {});
      const nothing = await d.call("session_free", { session: null });
      const after = await d.call("freed_sessions", {});
      ctx.expect.equal(
        "SN-4",
        `SSL_SESSION_free(NULL) before free #${i} frees nothing`,
        [nothing.freed, after.handles.length, after.untagged],
        [false, before.handles.length, before.untagged],
      );
      const { freed } = await d.call("session_free", { session });
      ctx.expect.equal(
        "SN-4",
        `at count ${4 - i}, SSL_SESSION_free #${i} ${i === 3 ? "frees it" : "only decrements"}`,
        freed,
        i === 3,
      );
    }
  },
});
