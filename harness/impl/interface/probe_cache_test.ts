import assert from "node:assert/strict";
import type { Build } from "./build.ts";
import { probeOnce } from "./probe_cache.ts";

const build: Build = {
  implementation: "wolfssl",
  id: "wolfssl-9.9.9",
  version: "9.9.9",
  family: "9.9",
  source: "fetched",
  capabilities: [],
};

Deno.test("probeOnce() probes once, caches in the manifest, probes again on a new key", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const manifest = `${dir}/build.json`;
    await Deno.writeTextFile(manifest, JSON.stringify({ ...build, extra: 1 }));
    let probes = 0;
    const probe = () => {
      probes++;
      return Promise.resolve({ capabilities: ["api" as const], cliDialect: "x" });
    };
    const first = await probeOnce(manifest, build, probe, "map-1");
    assert.deepEqual(first.capabilities, ["api"]);
    const second = await probeOnce(manifest, build, probe, "map-1");
    assert.deepEqual([second.capabilities, second.cliDialect, probes], [["api"], "x", 1]);
    const stored = JSON.parse(await Deno.readTextFile(manifest));
    assert.equal(stored.extra, 1, "the implementation's own fields are kept");
    assert.ok(stored.probed_at);
    await probeOnce(manifest, build, probe, "map-2");
    assert.equal(probes, 2, "a changed key probes again");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("probeOnce(): a probe that throws is a probeError naming the build, not cached", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const manifest = `${dir}/build.json`;
    await Deno.writeTextFile(manifest, JSON.stringify(build));
    const failed = await probeOnce(manifest, build, () => {
      throw new Error("libwolfssl.so.99: cannot open shared object file");
    });
    assert.deepEqual(failed.capabilities, []);
    assert.equal(
      failed.probeError,
      'probing build "wolfssl-9.9.9" (wolfssl) failed: libwolfssl.so.99: cannot open shared ' +
        "object file",
    );
    assert.equal(JSON.parse(await Deno.readTextFile(manifest)).probed_at, undefined);
    const ok = await probeOnce(manifest, build, () => Promise.resolve({ capabilities: [] }));
    assert.equal(ok.probeError, undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
