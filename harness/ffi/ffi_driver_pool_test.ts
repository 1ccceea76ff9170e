import assert from "node:assert/strict";
import { FfiDriverPool } from "./ffi_driver_pool.ts";
import { FfiError } from "./ffi_error.ts";
import { systemBuild } from "../openssl/mod.ts";
import { createTestPki } from "../pki/mod.ts";

const system = await systemBuild();

Deno.test("FfiDriver.scoped() isolates scenarios sharing one driver by handles", async (t) => {
  await using pki = await createTestPki();
  await using pool = new FfiDriverPool();
  const driver = await pool.acquire(system);
  const a = driver.scoped();
  const b = driver.scoped();
  assert.notEqual(a.scope, b.scope);
  assert.equal(a.pid, b.pid);

  const { session } = await a.call("session_new", {});
  await t.step("a scope cannot use another scope's handles", async () => {
    await assert.rejects(
      b.call("session_up_ref", { session: session! }),
      (e: unknown) => e instanceof FfiError && /does not exist in this scope/.test(e.message),
    );
  });

  await t.step("each scope numbers its handles from 1, whatever the others made", async () => {
    const c = driver.scoped();
    const first = await c.call("session_new", {});
    assert.equal(first.session, session);
    await c.call("session_free", { session: first.session });
    assert.deepEqual((await c.call("freed_sessions", {})).handles, [first.session]);
    await assert.rejects(c.call("session_up_ref", { session: first.session! }), /is dead/);
    await c.close();
  });

  await t.step("freed_sessions and handles see only the caller's scope", async () => {
    await a.call("session_free", { session });
    assert.deepEqual((await a.call("freed_sessions", {})).handles, [session]);
    assert.deepEqual(await b.call("freed_sessions", {}), { handles: [], untagged: 0 });
    assert.deepEqual((await b.call("handles", {})).dead, []);
  });

  await t.step("closing a view ends its scope: its SSLs and SSL_CTXs are freed", async () => {
    const { ctx } = await b.call("ctx_new", { role: "server", cert: pki.cert, key: pki.key });
    const { ssl } = await b.call("ssl_new", { ctx });
    await b.close();
    assert.equal(b.alive, false);
    assert.equal(b.processAlive, true);
    await assert.rejects(b.call("ssl_info", { ssl }), FfiError);
    const c = driver.scoped();
    const live = (await driver.call("handles", {})).live.map((h) => h.handle);
    assert.ok(!live.includes(ssl) && !live.includes(ctx), `still live: ${live}`);
    await assert.rejects(
      driver.call("scope_end", {}),
      (e: unknown) => e instanceof FfiError && /needs a request with a scope/.test(e.message),
    );
    await c.close();
  });
  await a.close();
  assert.equal(pool.started, 1);
});

Deno.test("FfiDriverPool.acquire() shares one driver per build and replaces a dead one", async () => {
  await using pool = new FfiDriverPool();
  const [first, again] = await Promise.all([pool.acquire(system), pool.acquire(system)]);
  assert.equal(first, again);
  assert.equal(pool.started, 1);
  const view = first.scoped();
  await assert.rejects(view.call("crash", { kind: "segv" }), FfiError);
  assert.equal(first.processAlive, false);
  const next = await pool.acquire(system);
  assert.notEqual(next.pid, first.pid);
  assert.equal(pool.started, 2);
  const { session } = await next.scoped().call("session_new", {});
  assert.ok(session !== null);
});
