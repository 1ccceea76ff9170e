import assert from "node:assert/strict";
import { FfiDriver } from "./mod.ts";
import { systemBuild } from "../openssl/mod.ts";
import { FORK_API_BUILDS } from "../../testing/impl/fork_api_builds.ts";

// Live: a cache mode named with "|no-auto-clear" sets SSL_SESS_CACHE_NO_AUTO_CLEAR as the build
// spells it (OpenSSL's and BoringSSL's 0x80, wolfSSL's 0x8 in every Debian header), read back
// with SSL_CTX_get_session_cache_mode. BoringSSL maps no getter (ctx_cache_mode unsupported).
const EXPECTED: Record<string, number> = { openssl: 0x82, wolfssl: 0x0a };

for (const build of [await systemBuild(), ...FORK_API_BUILDS]) {
  const expected = EXPECTED[build.implementation];
  if (expected === undefined) continue;
  Deno.test(`cacheMode "server|no-auto-clear" on ${build.id} is 0x${expected.toString(16)}`, async () => {
    await using d = await FfiDriver.start(build);
    const { ctx } = await d.call("ctx_new", { role: "server", cacheMode: "server|no-auto-clear" });
    assert.equal((await d.call("ctx_cache_mode", { ctx })).mode, expected);
    await assert.rejects(
      () => d.call("ctx_new", { role: "server", cacheMode: "server|auto" as "server" }),
      /Field "cacheMode" must be/,
    );
  });
}
