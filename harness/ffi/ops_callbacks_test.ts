import assert from "node:assert/strict";
import { FfiDriverPool } from "./ffi_driver_pool.ts";
import type { FfiDriver } from "./ffi_driver.ts";
import { systemBuild } from "../openssl/mod.ts";

const system = await systemBuild();

/** A server SSL_CTX of `d` holding `n` sessions (the cache their only owner). */
async function filledCtx(d: FfiDriver, n: number, remove = true): Promise<number> {
  const { ctx } = await d.call("ctx_new", { role: "server" });
  if (remove) await d.call("ctx_session_callbacks", { ctx, remove: true });
  for (let i = 1; i <= n; i++) {
    const { session } = await d.call("session_new", {});
    await d.call("session_set1", {
      field: "id",
      session: session!,
      hex: i.toString(16).padStart(8, "0"),
    });
    await d.call("ctx_add_session", { ctx, session: session! });
    await d.call("session_free", { session: session! });
  }
  return ctx;
}

Deno.test("ctx_session_callbacks: one remove callback per driver, recording per context", async () => {
  await using pool = new FfiDriverPool();
  const d = (await pool.acquire(system)).scoped();
  const a = await filledCtx(d, 0);
  const b = await filledCtx(d, 0);
  const pa = await d.call("ctx_session_callbacks", { ctx: a, remove: true });
  const pb = await d.call("ctx_session_callbacks", { ctx: b, remove: true });
  assert.equal(pa.remove, pb.remove);
  const { session } = await d.call("session_new", {});
  await d.call("session_set1", { field: "id", session: session!, hex: "01" });
  await d.call("ctx_add_session", { ctx: b, session: session! });
  await d.call("ctx_remove_session", { ctx: b, session: session! });
  assert.deepEqual((await d.call("ctx_callback_calls", { ctx: a })).removed, []);
  assert.deepEqual(
    (await d.call("ctx_callback_calls", { ctx: b })).removed.map((r) => r.session),
    [session],
  );
  await d.call("session_free", { session: session! });
  await d.close();
});

Deno.test("a remove callback libssl calls after its scope ended is a no-op", async () => {
  await using pool = new FfiDriverPool();
  const driver = await pool.acquire(system);
  const first = driver.scoped();
  const ctx1 = await filledCtx(first, 3);
  const { remove } = await first.call("ctx_session_callbacks", { ctx: ctx1, remove: true });
  // SSL_CTX_free at scope_end calls the callback once per cached session, after which the
  // scope's records are gone: those calls (and any later ones) must find nothing to do.
  await first.close();
  assert.equal(driver.processAlive, true);
  const next = driver.scoped();
  const ctx = await filledCtx(next, 2);
  const again = await next.call("ctx_session_callbacks", { ctx, remove: true });
  assert.equal(again.remove, remove, "the same callback serves every scope");
  await next.call("ctx_flush_sessions", { ctx, time: Math.floor(Date.now() / 1000) + 1e6 });
  assert.equal((await next.call("ctx_callback_calls", { ctx })).removed.length, 2);
  assert.deepEqual((await next.call("handles", {})).dead.length, 2, "only this scope's sessions");
  await next.close();
  assert.equal(driver.processAlive, true);
});
