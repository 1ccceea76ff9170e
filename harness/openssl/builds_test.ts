import assert from "node:assert/strict";
import { run } from "../process/mod.ts";
import { makePrivateTempDir } from "../temp_dir/mod.ts";
import { type OpensslBuild, systemBuild } from "./build.ts";
import { buildFromPath, fetchedBuilds, matchesVersion, resolveBuilds } from "./builds.ts";
import { opensslVersionId } from "./version.ts";

/** A cache holding fake manifests that all launch the system openssl. */
async function fakeCache(dir: string, ids: Record<string, string>): Promise<OpensslBuild> {
  const system = await systemBuild();
  for (const [label, id] of Object.entries(ids)) {
    await Deno.mkdir(`${dir}/builds/${label}`, { recursive: true });
    const b: OpensslBuild = {
      ...system,
      id,
      source: "fetched",
      path: `${dir}/builds/${label}/root/usr/bin/openssl`,
    };
    await Deno.writeTextFile(`${dir}/builds/${label}/build.json`, JSON.stringify(b));
  }
  return system;
}

Deno.test("matchesVersion() matches whole version components only", () => {
  assert.equal(matchesVersion("1.1.1w", "1.1.1"), true);
  assert.equal(matchesVersion("1.1.1w", "1.1.1w"), true);
  assert.equal(matchesVersion("3.5.7", "3.5"), true);
  assert.equal(matchesVersion("3.5.7", "3"), true);
  assert.equal(matchesVersion("3.50.1", "3.5"), false);
  assert.equal(matchesVersion("3.0.20", "3.0.2"), false);
  assert.equal(matchesVersion("4.0.3", "4.0.3"), true);
  assert.equal(matchesVersion("4.0.3", ""), false);
});

Deno.test("fetchedBuilds() reads the manifests in version order", async () => {
  await using dir = await makePrivateTempDir();
  assert.deepEqual(await fetchedBuilds({ cacheDir: dir.path }), []);
  await fakeCache(dir.path, { "4.0": "4.0.3", "1.1.1": "1.1.1w" });
  assert.deepEqual((await fetchedBuilds({ cacheDir: dir.path })).map((b) => b.id), [
    "1.1.1w",
    "4.0.3",
  ]);
});

Deno.test("resolveBuilds() resolves system, all, labels and prefixes", async (t) => {
  await using dir = await makePrivateTempDir();
  await fakeCache(dir.path, { "1.1.1": "1.1.1w", "3.5": "3.5.7", "4.0": "4.0.3" });
  const ids = async (specs: string[]) =>
    (await resolveBuilds(specs, { cacheDir: dir.path })).map((b) => b.id);
  await t.step("system", async () => assert.deepEqual(await ids(["system"]), ["system"]));
  await t.step("all = system + every fetched build", async () => {
    assert.deepEqual(await ids(["all"]), ["system", "1.1.1w", "3.5.7", "4.0.3"]);
  });
  await t.step("labels, exact ids and prefixes, without duplicates", async () => {
    assert.deepEqual(await ids(["1.1.1", "4.0.3", "3.5", "1.1.1w"]), ["1.1.1w", "4.0.3", "3.5.7"]);
    assert.deepEqual(await ids(["3"]), ["3.5.7"]);
  });
});

Deno.test("resolveBuilds() says what is available and how to fetch an unknown version", async (t) => {
  await using dir = await makePrivateTempDir();
  const system = await fakeCache(dir.path, { "1.1.1": "1.1.1w" });
  const systemVersion = opensslVersionId(system.version)!;
  await t.step("a fetchable label that is not fetched yet", async () => {
    await assert.rejects(
      resolveBuilds(["3.6"], { cacheDir: dir.path }),
      (e: unknown) =>
        e instanceof Error &&
        e.message.includes(
          `Unknown OpenSSL build "3.6": available: system (${systemVersion}), 1.1.1w`,
        ) &&
        e.message.includes(`deno task harness openssl fetch 3.6`),
    );
  });
  await t.step("a version nobody can fetch", async () => {
    await assert.rejects(
      resolveBuilds(["9.9"], { cacheDir: dir.path }),
      /Unknown OpenSSL build "9\.9".*fetchable versions are "1\.1\.1", "3\.0", "3\.5", "3\.6", "4\.0"/,
    );
  });
  await t.step("an empty cache says none", async () => {
    await using empty = await makePrivateTempDir();
    await assert.rejects(
      resolveBuilds(["4.0"], { cacheDir: empty.path }),
      new RegExp(`available: system \\(${systemVersion.replaceAll(".", "\\.")}\\);`),
    );
  });
  await t.step("a missing path", async () => {
    await assert.rejects(
      resolveBuilds([`${dir.path}/nowhere/openssl`], { cacheDir: dir.path }),
      /No OpenSSL build at ".*nowhere\/openssl"/,
    );
  });
});

Deno.test("buildFromPath() finds bin/openssl and lib/libssl.so* under an install prefix", async () => {
  await using dir = await makePrivateTempDir();
  const system = await systemBuild();
  // Symlinks to the system build stand in for an install prefix.
  const libDir = (await run("sh", {
    args: ["-c", `ldd ${system.path} | sed -n 's/.*libssl[^ ]* => \\(.*\\)\\/libssl.*/\\1/p'`],
    timeoutMs: 5000,
  })).stdout.trim();
  await Deno.mkdir(`${dir.path}/bin`);
  await Deno.mkdir(`${dir.path}/lib64`);
  await Deno.symlink(system.path, `${dir.path}/bin/openssl`);
  for (const e of Deno.readDirSync(libDir)) {
    if (/^lib(ssl|crypto)\.so\.\d/.test(e.name)) {
      await Deno.symlink(`${libDir}/${e.name}`, `${dir.path}/lib64/${e.name}`);
    }
  }
  const b = await buildFromPath(dir.path);
  assert.equal(b.source, "path");
  assert.equal(b.id, dir.path);
  assert.equal(b.version, system.version);
  assert.equal(b.path, `${dir.path}/bin/openssl`);
  assert.deepEqual(b.launch.env, { LD_LIBRARY_PATH: `${dir.path}/lib64` });
  assert.match(b.libssl ?? "", new RegExp(`^${dir.path}/lib64/libssl\\.so\\.\\d`));
  assert.match(b.libcrypto ?? "", new RegExp(`^${dir.path}/lib64/libcrypto\\.so\\.\\d`));
  assert.deepEqual(b.ffiLaunch, { command: Deno.execPath(), args: [], env: b.launch.env });
  // resolveBuilds treats the same folder as a path spec.
  const viaSpec = await resolveBuilds([dir.path]);
  assert.deepEqual(viaSpec.map((x) => x.path), [`${dir.path}/bin/openssl`]);
});

Deno.test("buildFromPath() rejects a folder without an openssl binary", async () => {
  await using dir = await makePrivateTempDir();
  await assert.rejects(buildFromPath(dir.path), /expected an "openssl" binary.*bin\/openssl/);
});

// The real fetched builds, when this machine has any (`deno task harness openssl fetch all`).
const fetched = await fetchedBuilds().catch(() => []);

Deno.test({
  name: "fetchedBuilds() lists builds whose openssl runs and whose libssl Deno can dlopen",
  ignore: fetched.length === 0,
  fn: async (t) => {
    for (const b of fetched) {
      await t.step(`${b.id}: openssl version`, async () => {
        const r = await run(b.launch.command, {
          args: [...b.launch.args, "version"],
          env: b.launch.env,
          timeoutMs: 10_000,
        });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.trim(), b.version);
        assert.match(b.version, new RegExp(`^OpenSSL ${b.id.replaceAll(".", "\\.")} `));
      });
      await t.step(`${b.id}: FFI through ffiLaunch`, async () => {
        assert.ok(b.ffiLaunch && b.libssl, "fetched builds carry ffiLaunch and libssl");
        const code = `const l = Deno.dlopen(${JSON.stringify(b.libssl)}, {
          OpenSSL_version: { parameters: ["i32"], result: "pointer" } });
          console.log(Deno.UnsafePointerView.getCString(l.symbols.OpenSSL_version(0)));`;
        const r = await run(b.ffiLaunch.command, {
          args: [...b.ffiLaunch.args, "eval", "--no-config", code],
          env: b.ffiLaunch.env,
          timeoutMs: 20_000,
        });
        assert.equal(r.code, 0, r.stderr);
        // "OpenSSL 3.5.7 9 Jun 2026": the library's own text starts the binary's version line.
        assert.ok(b.version.startsWith(r.stdout.trim()), `${r.stdout.trim()} vs ${b.version}`);
      });
    }
  },
});
