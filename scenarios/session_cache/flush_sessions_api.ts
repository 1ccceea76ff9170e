import { defineScenario } from "../../mod.ts";
import { plantSession } from "./_planted.ts";
import { sessNumber, watchedServerCtx } from "./_server_ctx.ts";

/**
 * A bare server SSL_CTX in memory holding three sessions made at time T with timeouts 10, 100
 * and 1000 s (the cache their only owner), plus a session with timeout 10 that only the
 * application holds. `SSL_CTX_flush_sessions` at T keeps all three; at T + 50 it removes the
 * first only, at T + 500 the second, at T + 5000 the last: each time the remove callback reports
 * exactly the sessions removed. The application's own expired session is neither freed nor
 * reported.
 */
export default defineScenario({
  quote: "SSL_CTX_flush_sessions() causes a run through the session cache of ctx to remove " +
    "sessions expired at time tm.",
  claims: ["FL-1", "FL-2", "FL-3", "FL-4"],
  tags: ["ffi", "api", "cache"],
  requires: ["api"],
  mutants: ["flush_noop", "remove_cb_unset"],
  async run(ctx) {
    const d = await ctx.ffi();
    const c = await watchedServerCtx(d);
    const t = Math.floor(Date.now() / 1000);
    const cached = [];
    for (const [id, timeout] of [[1, 10], [2, 100], [3, 1000]]) {
      cached.push((await plantSession(d, c, { id, timeout, time: t })).session);
    }
    const { session: own } = await d.call("session_new", {});
    await d.call("session_set_timeout", { session: own!, seconds: 10 });
    await d.call("session_set_time", { session: own!, time: t });
    let reported = 0;
    // [flush at T + offset, sessions left, index of the one it removes]
    const steps: [number, number, number | null][] = [
      [0, 3, null],
      [50, 2, 0],
      [500, 1, 1],
      [5000, 0, 2],
    ];
    for (const [offset, left, gone] of steps) {
      const flush = await d.call("ctx_flush_sessions", { ctx: c, time: t + offset });
      ctx.expect.equal(
        offset === 0 ? "FL-2" : "FL-1",
        `flush at T+${offset}: ${left} session(s) left`,
        await sessNumber(d, c),
        left,
      );
      const { removed } = await d.call("ctx_callback_calls", { ctx: c });
      const now = removed.slice(reported).map((r) => r.session);
      reported = removed.length;
      const expected = gone === null ? [] : [cached[gone]];
      ctx.expect.equal(
        "FL-4",
        `flush at T+${offset}: the remove callback reports the session(s) it removed`,
        [now, flush.freed],
        [expected, expected],
      );
    }
    ctx.expect.equal(
      "FL-3",
      "the application's own expired session: not freed, not reported",
      [
        (await d.call("freed_sessions", {})).handles.includes(own!),
        (await d.call("ctx_callback_calls", { ctx: c })).removed.some((r) => r.session === own),
      ],
      [false, false],
    );
    await d.call("session_free", { session: own! });
  },
});
