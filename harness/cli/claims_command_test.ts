import assert from "node:assert/strict";
import { CLAIMS } from "../claims/mod.ts";
import { readManDir, writeDocs } from "../docs/mod.ts";
import { makePrivateTempDir } from "../temp_dir/mod.ts";
import { captureIo } from "../../testing/cli/capture_io.ts";
import { main } from "./main.ts";

const MAN = new URL("../../testdata/man/", import.meta.url).pathname;

/** A cache holding two "fetched" builds whose man pages are the fixtures of two versions. */
async function cacheWithDocs(dir: string): Promise<void> {
  for (const [label, id] of [["3.0", "3.0.20"], ["3.5", "3.5.9"]]) {
    const base = `${dir}/builds/${label}`;
    const binary = `${base}/root/usr/bin/openssl`;
    await Deno.mkdir(`${base}/root/usr/bin`, { recursive: true });
    await Deno.writeTextFile(
      `${base}/build.json`,
      JSON.stringify({
        id,
        version: `OpenSSL ${id}`,
        path: binary,
        source: "fetched",
        launch: { command: binary, args: [], env: {} },
      }),
    );
    await writeDocs(`${base}/docs`, await readManDir(`${MAN}${id}`), {
      package: "libssl-doc",
      version: `${id}-1`,
    });
  }
}

Deno.test("claims --docs prints a cell for every claim × build with docs, running nothing", async () => {
  await using dir = await makePrivateTempDir();
  await cacheWithDocs(dir.path);
  const io = captureIo(dir.path);
  const code = await main(["claims", "--docs", "--cache-dir", dir.path], io);
  assert.equal(code, 0, io.err);
  assert.match(io.out, /^claim +page +3\.0\.20 +3\.5\.9$/m);
  assert.match(io.out, /^FL-1 +SSL_CTX_flush_sessions\(3\) +present +CHANGED$/m);
  assert.match(io.out, new RegExp(`^${CLAIMS.length} claims × 2 builds:`, "m"));
  assert.match(io.out, /IC-8 on 3\.5\.9: not there; closest/);
});

Deno.test("claims --docs --reporter json carries docs per claim and the untestable list", async () => {
  await using dir = await makePrivateTempDir();
  await cacheWithDocs(dir.path);
  const io = captureIo(dir.path);
  const code = await main(
    ["claims", "--docs", "--reporter", "json", "--cache-dir", dir.path, "--openssl", "3.5"],
    io,
  );
  assert.equal(code, 0, io.err);
  const data = JSON.parse(io.out);
  assert.deepEqual(data.builds, ["3.5.9"]);
  assert.equal(data.claims.length, CLAIMS.length);
  const fl1 = data.claims.find((c: { id: string }) => c.id === "FL-1");
  assert.deepEqual(fl1.docs, { "3.5.9": "changed" });
  assert.equal(fl1.page, "SSL_CTX_flush_sessions(3)");
  assert.ok(data.untestable.length > 0);
});

Deno.test("claims rejects a reporter it cannot print", async () => {
  const io = captureIo("/");
  assert.equal(await main(["claims", "--docs", "--reporter", "junit"], io), 2);
  assert.match(io.err, /claims takes --reporter json or text/);
});
