import assert from "node:assert/strict";
import { FfiDriver, FfiError } from "../../ffi/mod.ts";
import { findMutant, mutantBuild } from "../../mutate/mod.ts";
import { boringssl } from "./implementation.ts";
import { FETCHED, liveName } from "../../../testing/impl/boringssl_builds.ts";
import { cacheDir } from "../../cache_dir/mod.ts";

Deno.test({
  name: liveName(
    "FfiDriver on BoringSSL: a mutant that replaces only functions it lacks is unsupported, naming it and the build",
    "14",
  ),
  ignore: !FETCHED.has("14"),
  async fn() {
    const [build] = await boringssl.resolve("14", { cacheDir: cacheDir() });
    // SSL_SESSION_set_cipher is not in BoringSSL: the mutant would change nothing there.
    await using d = await FfiDriver.start(mutantBuild(build, findMutant("set_cipher_noop")!));
    const e = await d.call("ctx_new", { role: "client" }).then(() => undefined, (e) => e);
    assert.ok(e instanceof FfiError, String(e));
    assert.equal(e.kind, "unsupported");
    assert.match(
      e.message,
      /^FFI op "ctx_new" is unsupported on build "boringssl-14\.0\.0\+set_cipher_noop": FFI mutant "set_cipher_noop" replaces SSL_SESSION_set_cipher, which BoringSSL does not export: it cannot act on this build/,
    );
    // One it can act on runs its ops.
    await using ok = await FfiDriver.start(mutantBuild(build, findMutant("cache_mode_ignored")!));
    assert.equal(ok.mutant, "cache_mode_ignored");
    assert.ok((await ok.call("ctx_new", { role: "client" })).ctx);
  },
});
