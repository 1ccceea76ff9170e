import assert from "node:assert/strict";
import { bundle } from "../../bundle.ts";
import { liveChildCount, run } from "../process/mod.ts";

Deno.test("bundle() builds one file that runs scenarios, FFI driver and Deno server included, from elsewhere", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tls-harness-bundle-" });
  try {
    const outFile = `${dir}/bin/tls-session-harness.js`;
    const built = await bundle({ outFile });
    assert.ok(built.scenarios.includes("scenarios/sanity.ts"));
    assert.deepEqual(built.assets.sort(), [
      "expected_deviations.json",
      "harness/ffi/driver.ts",
      // BoringSSL's measure script, a process of its own (the registry reaches its module).
      "harness/impl/boringssl/_api_measure_script.ts",
      "harness/mutate/openssl_mutant.sh",
    ]);
    // Another "machine": a cwd with no repository, no deno.json, an empty cache.
    await Deno.mkdir(`${dir}/work`);
    const r = await run(Deno.execPath(), {
      args: [
        "run",
        "-A",
        outFile,
        "run",
        "--filter",
        "sanity",
        "--filter",
        "get0_same_as_get_api[tls1.3]", // FFI driver process; one of its variants
        "--filter",
        "deno_server_tickets_resume", // Deno TLS server, in the harness process
        "--reporter",
        "json",
      ],
      cwd: `${dir}/work`,
      env: { XDG_CACHE_HOME: `${dir}/cache` },
      timeoutMs: 90_000,
    });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    const got = report.results.map((
      x: { scenario: string; variant?: string; status: string; file: string },
    ) => `${x.scenario}${x.variant ? `[${x.variant}]` : ""} ${x.status} ${x.file}`);
    assert.deepEqual(got, [
      "get_session/get0_same_as_get_api[tls1.3] pass scenarios/get_session/get0_same_as_get_api.ts",
      "interop/deno_server_tickets_resume pass scenarios/interop/deno_server_tickets_resume.ts",
      "sanity/handshake pass scenarios/sanity.ts",
    ]);
    // the sidecars were written under the cache, not looked up next to the bundle
    const assets = [...Deno.readDirSync(`${dir}/cache/tls-session-harness`)].map((e) => e.name);
    // (beside the run's cached test PKI, openssl version probes, session preload and durations)
    const sidecars = assets.filter((a) =>
      !["test-pki", "probes", "session-preload", "task_durations.json"].includes(a)
    );
    assert.equal(sidecars.length, 1, assets.join(", "));
    assert.match(sidecars[0], /^bundle-[0-9a-f]{16}$/);

    const list = await run(Deno.execPath(), {
      args: ["run", "-A", outFile, "list", "--json"],
      cwd: `${dir}/work`,
      env: { XDG_CACHE_HOME: `${dir}/cache` },
      timeoutMs: 30_000,
    });
    assert.equal(list.code, 0, list.stderr);
    assert.equal(JSON.parse(list.stdout).scenarios.length >= built.scenarios.length, true);

    // mutate takes the same embedded scenarios as run (there is no scenarios/ folder here).
    const mutate = await run(Deno.execPath(), {
      args: ["run", "-A", outFile, "mutate", "--filter", "sanity", "--reporter", "json"],
      cwd: `${dir}/work`,
      env: { XDG_CACHE_HOME: `${dir}/cache` },
      timeoutMs: 60_000,
    });
    assert.equal(mutate.code, 0, mutate.stderr);
    assert.deepEqual(
      JSON.parse(mutate.stdout).scenarios.map((r: { scenario: string; killed: boolean }) =>
        `${r.scenario} ${r.killed}`
      ),
      ["sanity/handshake true"],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.equal(liveChildCount(), 0);
});
