import assert from "node:assert/strict";
import { FfiDriver } from "./mod.ts";
import { fetchedBuilds, type OpensslBuild, systemBuild } from "../openssl/mod.ts";
import { FORK_API_BUILDS } from "../../testing/impl/fork_api_builds.ts";

// Live: every build's driver exits by itself, with code 0, once stdin closes. A crash during
// the process's teardown (a library calling back into JS after the isolate is gone: wolfSSL's
// free hook before the driver restored it) answers every op and is seen only here.
const fetched = await fetchedBuilds().catch(() => [] as OpensslBuild[]);

for (const build of [await systemBuild(), ...fetched, ...FORK_API_BUILDS]) {
  Deno.test(`driver of ${build.id} exits with code 0 when stdin closes`, async () => {
    const d = await FfiDriver.start(build);
    const { session } = await d.call("session_new", {});
    await d.call("session_free", { session: session! });
    assert.equal(d.exit, null, "no exit before close()");
    await d.close();
    assert.deepEqual(d.exit, { code: 0, signal: null, killed: false });
  });
}
