import assert from "node:assert/strict";
import { cachedVersionLine, VERSION_CACHE_MAX_AGE_MS } from "./version_cache.ts";
import { systemBuild } from "./mod.ts";

Deno.test("cachedVersionLine(): reused while the binary and its libraries are unchanged, for a day", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tls-harness-version-cache-test-" });
  try {
    const bin = `${dir}/openssl`;
    const lib = `${dir}/libcrypto.so.3`;
    await Deno.writeTextFile(bin, "a");
    await Deno.writeTextFile(lib, "l");
    let probes = 0;
    const probe = (line: string) => () => {
      probes++;
      return Promise.resolve(line);
    };
    const t = 1_700_000_000_000;
    const cache = `${dir}/cache`;
    assert.equal(await cachedVersionLine(cache, bin, [lib], probe("OpenSSL 1"), t), "OpenSSL 1");
    assert.equal(
      await cachedVersionLine(cache, bin, [lib], probe("OpenSSL 2"), t + 1),
      "OpenSSL 1",
    );
    assert.equal(probes, 1, "the second call used the remembered line");
    await Deno.writeTextFile(lib, "a new library");
    assert.equal(
      await cachedVersionLine(cache, bin, [lib], probe("OpenSSL 3"), t + 2),
      "OpenSSL 3",
    );
    await Deno.writeTextFile(bin, "a new binary");
    assert.equal(
      await cachedVersionLine(cache, bin, [lib], probe("OpenSSL 4"), t + 3),
      "OpenSSL 4",
    );
    const late = t + 3 + VERSION_CACHE_MAX_AGE_MS;
    assert.equal(await cachedVersionLine(cache, bin, [lib], probe("OpenSSL 5"), late), "OpenSSL 5");
    assert.equal(probes, 4);
    // A failed probe is not remembered; no cache dir or a relative path: always probed.
    const fail = () => Promise.reject(new Error("broken"));
    const other = `${dir}/other`;
    await Deno.writeTextFile(other, "x");
    await assert.rejects(() => cachedVersionLine(cache, other, [], fail, t), /broken/);
    assert.equal(await cachedVersionLine(cache, other, [], probe("OpenSSL 6"), t), "OpenSSL 6");
    assert.equal(await cachedVersionLine(undefined, bin, [], probe("OpenSSL 7"), t), "OpenSSL 7");
    assert.equal(await cachedVersionLine(cache, "openssl", [], probe("OpenSSL 8"), t), "OpenSSL 8");
    assert.equal(probes, 7);
    for await (const e of Deno.readDir(`${cache}/probes`)) assert.doesNotMatch(e.name, /\.tmp$/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("systemBuild() with a cache dir gives the same build as without", async () => {
  const cache = await Deno.makeTempDir({ prefix: "tls-harness-version-cache-test-" });
  try {
    const plain = await systemBuild();
    const first = await systemBuild({ cacheDir: cache });
    const again = await systemBuild({ cacheDir: cache });
    assert.deepEqual(first, plain);
    assert.deepEqual(again, plain);
  } finally {
    await Deno.remove(cache, { recursive: true });
  }
});
