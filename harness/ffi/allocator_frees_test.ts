import assert from "node:assert/strict";
import { FfiDriver, FfiError } from "./mod.ts";
import { createTestPki } from "../pki/mod.ts";
import { FORK_API_BUILDS } from "../../testing/impl/fork_api_builds.ts";
import { FREE_OBSERVATION, type WolfsslFamily } from "../impl/wolfssl/symbols.ts";

// Live tests of frees seen through wolfSSL's free function (FfiApiOptions.allocatorFrees), on
// every fetched wolfSSL build. The case that matters: the session SSL_get_session returned on a
// server is freed with the SSL (wolfSSL's cache keeps a copy), and wolfSSL 5.5.4 never calls
// the ex_data free callback, 5.7/5.9 mostly not for it: without the hook its handle stayed
// alive and the next op on it was a use-after-free (the 5.5.4 SIGABRTs, "corrupted size vs.
// prev_size").

const WOLFSSL = FORK_API_BUILDS.filter((b) => b.implementation === "wolfssl");

for (const build of WOLFSSL) {
  const observed = FREE_OBSERVATION[build.family as WolfsslFamily] === "allocator-free";
  Deno.test(`allocator frees on ${build.id}: ${observed ? "seen" : "unobservable"}`, async () => {
    assert.equal(build.ffi?.api?.allocatorFrees ?? false, observed);
    await using d = await FfiDriver.start(build);
    assert.equal(d.hello.observesFrees, observed, String(d.hello.unobservedFrees));
    if (!observed) {
      await assert.rejects(() => d.call("freed_sessions", {}), FfiError);
      return;
    }
    const { session } = await d.call("session_new", {});
    await d.call("session_up_ref", { session: session! });
    assert.deepEqual(await d.call("session_free", { session: session! }), { freed: false });
    assert.deepEqual(await d.call("session_free", { session: session! }), { freed: true });

    await using pki = await createTestPki();
    // keepNewSessions false: no reference of the new-session callbacks keeps a session alive.
    const tls12 = {
      minVersion: "1.2",
      maxVersion: "1.2",
      noTicket: true,
      keepNewSessions: false,
    } as const;
    const { ctx: sctx } = await d.call("ctx_new", {
      role: "server",
      cert: pki.chain,
      key: pki.key,
      cacheMode: "server",
      ...tls12,
    });
    const { ctx: cctx } = await d.call("ctx_new", { role: "client", caFile: pki.caCert, ...tls12 });
    const { ssl: server } = await d.call("ssl_new", { ctx: sctx });
    const { ssl: client } = await d.call("ssl_new", { ctx: cctx });
    await d.call("handshake", { client, server });
    const got = await d.call("get_session", { ssl: server, variant: "get" });
    await d.call("shutdown", { client, server });
    const gone = [
      ...(await d.call("ssl_free", { ssl: server })).freed,
      ...(await d.call("ssl_free", { ssl: client })).freed,
    ];
    assert.ok(gone.includes(got.session!), `SSL_free freed the server's own session: ${gone}`);
    await assert.rejects(
      () => d.call("ctx_remove_session", { ctx: sctx, session: got.session! }),
      /is dead: its SSL_SESSION was freed/,
    );
    assert.ok((await d.call("freed_sessions", {})).handles.includes(got.session!));
  });
}
