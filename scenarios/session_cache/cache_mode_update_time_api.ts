import { defineScenario } from "../../mod.ts";
import { cleanConnection } from "./_clean_connection.ts";

/**
 * TLS 1.2 session IDs in memory. After a first connection the server's cached session is
 * back-dated 100 s (`SSL_SESSION_set_time`, within its 300 s timeout); the client resumes; then
 * `SSL_SESSION_get_time` of the cached session. With `SERVER | UPDATE_TIME` it moved to the
 * resumption (within 5 s of now); control `SERVER`: it stays back-dated. 1.1.1 has neither the
 * flag nor the sentence (`claims --docs`: absent): skipped there.
 */
export default defineScenario({
  quote: "Updates the timestamp of the session when it is used, increasing the lifespan of the " +
    "session.",
  claims: ["CM-14"],
  tags: ["ffi", "api", "cache", "tls12"],
  requires: ["api"],
  mutants: ["cache_mode_ignored"],
  async run(ctx) {
    for (const update of [false, true]) {
      const what = update ? "SERVER|UPDATE_TIME" : "control SERVER";
      const pair = await ctx.ffiPair({
        tls: "1.2",
        noTicket: true,
        serverCacheMode: update ? 0x402 : 0x002,
      });
      if (pair.driver.hello.versionNumber < 0x30000000) {
        ctx.skip(
          `${pair.driver.libraryVersion} has no SSL_SESS_CACHE_UPDATE_TIME (its page neither)`,
        );
      }
      const first = await cleanConnection(pair);
      const backdated = Math.floor(Date.now() / 1000) - 100;
      await pair.call("session_set_time", { session: first.serverSession, time: backdated });
      const again = await cleanConnection(pair, { session: first.clientSession });
      const { time } = await pair.call("session_info", { session: first.serverSession });
      const now = Math.floor(Date.now() / 1000);
      ctx.note(
        `${what}: time after the resumption ${time} (back-dated to ${backdated}, now ${now})`,
      );
      // Where the flag does act: SSL_CTX_add_session of a back-dated session.
      const { session: added } = await pair.call("session_new", {});
      await pair.call("session_set1", { field: "id", session: added!, hex: "0badc0de" });
      await pair.call("session_set_time", { session: added!, time: backdated });
      await pair.call("ctx_add_session", { ctx: pair.serverCtx, session: added! });
      const addedTime = (await pair.call("session_info", { session: added! })).time;
      ctx.note(`${what}: SSL_CTX_add_session of a back-dated session: time ${addedTime}`);
      await pair.call("session_free", { session: added! });
      ctx.expect.equal(
        "CM-14",
        `${what}: resumed; the cached session's time ${update ? "moved to now" : "stayed"}`,
        [again.reused, update ? Math.abs((time ?? 0) - now) <= 5 : time === backdated],
        [true, true],
      );
      for (const s of [first, again]) await pair.call("session_free", { session: s.clientSession });
    }
  },
});
