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
    await d.call("session_set1_id", { session: session!, hex: i.toString(16).padStart(8, "0") });
    await d.call("ctx_add_session", { ctx, session: session! });
    await d.call("session_free", { session: session! });
  }
  return ctx;
}

Deno.test("ctx_session_callbacks: one remove callback per scope, recording per context", async () => {
  await using pool = new FfiDriverPool();
  const d = (await pool.acquire(system)).scoped();
  const a = await filledCtx(d, 0);
  const b = await filledCtx(d, 0);
  const pa = await d.call("ctx_session_callbacks", { ctx: a, remove: true });
  const pb = await d.call("ctx_session_callbacks", { ctx: b, remove: true });
  assert.equal(pa.remove, pb.remove);
  const { session } = await d.call("session_new", {});
  await d.call("session_set1_id", { session: session!, hex: "01" });
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

Deno.test("scope_end frees a scope's contexts before closing its callbacks", async () => {
  await using pool = new FfiDriverPool();
  const driver = await pool.acquire(system);
  const first = driver.scoped();
  // SSL_CTX_free of a context with cached sessions calls its remove callback once per session:
  // had scope_end closed the callback first, that call would land in freed code.
  await filledCtx(first, 3);
  await first.close();
  assert.equal(driver.processAlive, true);
  const next = driver.scoped();
  const ctx = await filledCtx(next, 2);
  await next.call("ctx_flush_sessions", { ctx, time: Math.floor(Date.now() / 1000) + 1e6 });
  assert.equal((await next.call("ctx_callback_calls", { ctx })).removed.length, 2);
  await next.close();
  assert.equal(driver.processAlive, true);
});
