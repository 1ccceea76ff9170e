import assert from "node:assert/strict";
import {
  fetchBuildSpecs,
  implementationNamed,
  IMPLEMENTATIONS,
  resolveBuildSpecs,
} from "./registry.ts";
import { cacheDir } from "../cache_dir/mod.ts";

Deno.test("the registry holds OpenSSL, rustls, BoringSSL, wolfSSL and GnuTLS", () => {
  assert.deepEqual(IMPLEMENTATIONS.map((i) => i.name), [
    "openssl",
    "rustls",
    "boringssl",
    "wolfssl",
    "gnutls",
  ]);
  assert.throws(() => implementationNamed("libressl"), /Unknown implementation "libressl": known/);
});

Deno.test("resolveBuildSpecs(): specs in order, no duplicates, errors that say how to fetch", async () => {
  const empty = await Deno.makeTempDir();
  try {
    const builds = await resolveBuildSpecs(["rustls", "openssl:system", "rustls:2"], {
      cacheDir: empty,
    });
    assert.deepEqual(builds.map((b) => `${b.implementation}:${b.id}`), [
      "rustls:rustls",
      "openssl:system",
    ]);
    assert.ok(builds[1].capabilities.includes("cli-client"));
    assert.equal(builds[1].cliDialect, "openssl");
    await assert.rejects(
      () => resolveBuildSpecs(["boringssl:14"], { cacheDir: empty }),
      /Unknown build "boringssl:14": BoringSSL builds here: none; fetch it with "deno task harness builds fetch boringssl:14"/,
    );
    await assert.rejects(
      () => resolveBuildSpecs(["boringssl:99"], { cacheDir: empty }),
      /BoringSSL versions that can be fetched: 10, 13, 14/,
    );
    await assert.rejects(() => resolveBuildSpecs(["nss:3"], { cacheDir: empty }), RangeError);
    await assert.rejects(() => fetchBuildSpecs(["gnutls:9"], { cacheDir: empty }), RangeError);
    // rustls has nothing to fetch: no download, its one build.
    assert.deepEqual(
      (await fetchBuildSpecs(["rustls"], { cacheDir: empty })).map((b) => b.id),
      ["rustls"],
    );
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
});

const cache = cacheDir();
const hasForks = (() => {
  try {
    return Deno.statSync(`${cache}/builds/boringssl-14/build.json`).isFile &&
      Deno.statSync(`${cache}/builds/wolfssl-5.7.2/build.json`).isFile;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "resolveBuildSpecs() on the fetched forks: probed capabilities, dialects",
  ignore: !hasForks,
  async fn() {
    const [bssl] = await resolveBuildSpecs(["boringssl:14"], { cacheDir: cache });
    assert.equal(bssl.implementation, "boringssl");
    assert.equal(bssl.cliDialect, "bssl");
    assert.ok(bssl.capabilities.includes("api"), bssl.capabilities.join());
    assert.ok(bssl.ffi?.symbols, "the symbol map goes with the build to the driver pool");
    const [wolf] = await resolveBuildSpecs(["wolfssl:5.7"], { cacheDir: cache });
    assert.deepEqual(wolf.capabilities, ["api", "tcp-peer"]);
    assert.equal(wolf.ffi?.symbols?.SSL_get1_session?.name, "wolfSSL_get1_session");
  },
});
