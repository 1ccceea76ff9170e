import { defineScenario } from "../../mod.ts";

/**
 * Two calls return two non-NULL, distinct pointers; each is a live SSL_SESSION with a
 * reference count of one: SSL_SESSION_is_resumable() answers (0: it holds no session ID or
 * ticket yet) and one SSL_SESSION_free() frees it (the driver's ex_data free callback fires).
 *
 * It fails if SSL_SESSION_new returned NULL, the same object twice, or an object whose first
 * SSL_SESSION_free does not free it.
 */
export default defineScenario({
  quote: "SSL_SESSION_new() creates a new SSL_SESSION structure and returns a pointer to it.",
  claims: ["SN-1"],
  tags: ["ffi", "api"],
  requires: ["api"],
  mutants: ["session_new_null"],
  async run(ctx) {
    const d = await ctx.ffi();
    const a = await d.call("session_new", {});
    const b = await d.call("session_new", {});
    ctx.expect.ok("SN-1", "the first call returns a pointer", a.ptr !== null, a);
    ctx.expect.ok("SN-1", "the second call returns a pointer", b.ptr !== null, b);
    ctx.expect.notEqual("SN-1", "each call returns a new object", a.ptr, b.ptr);
    for (const [name, ref] of [["first", a], ["second", b]] as const) {
      const { resumable } = await d.call("session_is_resumable", { session: ref.session! });
      ctx.expect.equal("SN-1", `the ${name} (empty) session is not resumable`, resumable, false);
      const { freed } = await d.call("session_free", { session: ref.session });
      ctx.expect.equal("SN-1", `one SSL_SESSION_free frees the ${name}`, freed, true);
    }
  },
});
