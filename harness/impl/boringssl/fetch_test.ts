import assert from "node:assert/strict";
import {
  BORINGSSL_RECIPES,
  boringsslManifest,
  fetchBoringssl,
  fetchedBoringssl,
  readBoringsslManifest,
} from "./fetch.ts";
import { resolveBoringsslSpec } from "./implementation.ts";

Deno.test("boringsslManifest() runs 14's bssl-tool under trixie's loader, 13's directly", () => {
  const b14 = boringsslManifest("14", "/c/b14", "14.0.0+r45-2", "/bin/deno");
  assert.equal(b14.id, "boringssl-14.0.0");
  assert.equal(b14.cli?.bssl.command, "/c/b14/libc6/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
  assert.deepEqual(b14.cli?.bssl.args.at(-1), "/c/b14/root/usr/bin/bssl-tool");
  // The libraries need only glibc 2.34: FFI runs on the host's Deno.
  assert.equal(b14.ffi?.launch?.command, "/bin/deno");
  assert.equal(
    b14.ffi?.launch?.env.LD_LIBRARY_PATH,
    "/c/b14/root/usr/lib/x86_64-linux-gnu/android",
  );
  const b13 = boringsslManifest("13", "/c/b13", "13.0.0+r24-2", "/bin/deno");
  assert.equal(b13.cli?.bssl.command, "/c/b13/root/usr/bin/bssl-tool");
  assert.equal(b13.sessionFileFormat, "boringssl-pem");
  const b10 = boringsslManifest("10", "/c/b10", "10.0.0+r36-1", "/bin/deno");
  assert.equal(b10.cli, undefined, "bullseye packages no bssl-tool");
  assert.equal(b10.ffi?.libssl, "/c/b10/root/usr/lib/x86_64-linux-gnu/android/libssl.so.0");
  assert.equal(BORINGSSL_RECIPES["14"].sets[1].packages.includes("libstdc++6"), true);
});

Deno.test("resolveBoringsslSpec() accepts the spec forms and names a bad one", () => {
  assert.deepEqual(resolveBoringsslSpec("boringssl"), ["10", "13", "14"]);
  assert.deepEqual(resolveBoringsslSpec("boringssl:13"), ["13"]);
  assert.deepEqual(resolveBoringsslSpec("boringssl-14.0.0"), ["14"]);
  assert.throws(() => resolveBoringsslSpec("boringssl:12"), {
    name: "RangeError",
    message: /^Unknown BoringSSL spec "boringssl:12"/,
  });
});

Deno.test("fetchBoringssl() refuses an unknown label before touching the network", async () => {
  await assert.rejects(fetchBoringssl("11", { cacheDir: "/nonexistent" }), {
    name: "RangeError",
    message: /^Unknown BoringSSL version to fetch: "11"/,
  });
});

Deno.test("readBoringsslManifest() reads nothing from an empty cache and names a bad file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.equal(await readBoringsslManifest(dir, "14"), undefined);
    assert.deepEqual(await fetchedBoringssl(dir), []);
    await Deno.mkdir(`${dir}/builds/boringssl-14`, { recursive: true });
    await Deno.writeTextFile(`${dir}/builds/boringssl-14/build.json`, '{"id": 3}');
    await assert.rejects(readBoringsslManifest(dir, "14"), {
      name: "SyntaxError",
      message: /boringssl-14\/build\.json": expected a BoringSSL build/,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
