import assert from "node:assert/strict";
import { buildFor, fetchedWolfssl, resolveSpec, WOLFSSL_RECIPES } from "./fetch.ts";
import { FETCHED, needsBuild } from "../../../testing/impl/wolfssl_builds.ts";

Deno.test("resolveSpec() expands wolfssl, wolfssl:all and one family", () => {
  assert.deepEqual(resolveSpec("wolfssl"), ["4.6", "5.5", "5.7", "5.9"]);
  assert.deepEqual(resolveSpec("wolfssl:all"), ["4.6", "5.5", "5.7", "5.9"]);
  assert.deepEqual(resolveSpec("wolfssl:5.7.2"), ["5.7"]);
  assert.throws(() => resolveSpec("wolfssl:6.1"), /Unknown wolfSSL version in "wolfssl:6.1"/);
  assert.throws(() => resolveSpec("openssl:3.0"), /Not a wolfSSL build spec: "openssl:3.0"/);
});

Deno.test("buildFor() runs trixie-and-later builds under the extracted loader", () => {
  const b = buildFor("5.9", "/c/builds/wolfssl-5.9.2", "5.9.2", "5.9.2-1.2");
  assert.match(
    b.ffi.launch.command,
    /\/libc6\/usr\/lib\/x86_64-linux-gnu\/ld-linux-x86-64\.so\.2$/,
  );
  assert.equal(b.ffi.launch.args[0], "--library-path");
  assert.equal(b.ffi.libssl, b.ffi.libcrypto);
  assert.equal(b.id, "wolfssl-5.9.2");
  const old = buildFor("4.6", "/c/builds/wolfssl-4.6.0", "4.6.0", "4.6.0+p1-0+deb11u2");
  assert.deepEqual(old.ffi.launch.args, []);
  assert.ok(old.ffi.libssl.endsWith(`/${WOLFSSL_RECIPES["4.6"].soname}`));
});

Deno.test("fetchedWolfssl() reads manifests and rejects a foreign one", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.deepEqual(await fetchedWolfssl(dir), []);
    await Deno.mkdir(`${dir}/builds/wolfssl-5.5.4`, { recursive: true });
    const b = buildFor("5.5", `${dir}/builds/wolfssl-5.5.4`, "5.5.4", "5.5.4-2+deb12u2");
    await Deno.writeTextFile(`${dir}/builds/wolfssl-5.5.4/build.json`, JSON.stringify(b));
    assert.equal((await fetchedWolfssl(dir))[0].id, "wolfssl-5.5.4");
    await Deno.mkdir(`${dir}/builds/wolfssl-x`);
    await Deno.writeTextFile(`${dir}/builds/wolfssl-x/build.json`, `{"id":"3.0"}`);
    await assert.rejects(fetchedWolfssl(dir), /Invalid wolfSSL build manifest ".*wolfssl-x/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  ...needsBuild("fetched wolfSSL builds report the version their library prints"),
  fn() {
    for (const b of FETCHED) {
      assert.match(b.version, /^\d+\.\d+\.\d+$/);
      assert.ok(b.version.startsWith(b.family), `${b.id}: family ${b.family}`);
      assert.ok(b.debian.version.startsWith(b.version), `${b.id}: ${b.debian.version}`);
    }
  },
});
