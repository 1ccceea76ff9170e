import assert from "node:assert/strict";
import { archiveFromSources } from "./debian_archive.ts";
import { fetchedBuilds, testCacheDir } from "../../../testing/impl/gnutls_fixtures.ts";
import {
  fetchGnutls,
  GNUTLS_LABELS,
  GNUTLS_RECIPES,
  gnutlsBuildDir,
  gnutlsLaunches,
  parseGnutlsManifest,
  resolveGnutlsSpec,
  toolVersion,
} from "./fetch.ts";

Deno.test("resolveGnutlsSpec() expands all, families and exact versions", () => {
  assert.deepEqual(resolveGnutlsSpec("gnutls"), [...GNUTLS_LABELS]);
  assert.deepEqual(resolveGnutlsSpec("gnutls:all"), [...GNUTLS_LABELS]);
  assert.deepEqual(resolveGnutlsSpec("gnutls:3.8"), ["3.8.9", "3.8.13"]);
  assert.deepEqual(resolveGnutlsSpec("gnutls:3.7.9"), ["3.7.9"]);
  for (const bad of ["gnutls:3.6", "openssl:3.0", "gnutls:3.8.1"]) {
    assert.throws(
      () => resolveGnutlsSpec(bad),
      (e: Error) => e instanceof RangeError && e.message.includes(`"${bad}"`),
    );
  }
});

Deno.test("gnutlsLaunches() uses trixie's loader only for builds that need it", () => {
  const old = gnutlsLaunches("/c/gnutls-3.7.1", GNUTLS_RECIPES["3.7.1"].loader)["gnutls-serv"];
  assert.deepEqual(old, {
    command: "/c/gnutls-3.7.1/root/usr/bin/gnutls-serv",
    args: [],
    env: { LD_LIBRARY_PATH: "/c/gnutls-3.7.1/root/usr/lib/x86_64-linux-gnu" },
  });
  const t64 = gnutlsLaunches("/c/g", GNUTLS_RECIPES["3.8.13"].loader)["gnutls-cli"];
  assert.equal(t64.command, "/c/g/libc6/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
  assert.deepEqual(t64.args, [
    "--library-path",
    "/c/g/root/usr/lib/x86_64-linux-gnu:/c/g/libc6/usr/lib/x86_64-linux-gnu",
    "/c/g/root/usr/bin/gnutls-cli",
  ]);
  assert.deepEqual(GNUTLS_LABELS.map((l) => GNUTLS_RECIPES[l].loader), [false, false, true, true]);
  assert.equal(gnutlsBuildDir("/c", "3.8.9"), "/c/builds/gnutls-3.8.9");
});

Deno.test("parseGnutlsManifest() names the file and the wrong field", () => {
  assert.throws(() => parseGnutlsManifest("{", "a/build.json"), /"a\/build\.json"/);
  assert.throws(
    () => parseGnutlsManifest(`{"implementation":"openssl"}`, "b.json"),
    /"b\.json": field "implementation"/,
  );
  assert.throws(
    () =>
      parseGnutlsManifest(
        JSON.stringify({
          implementation: "gnutls",
          id: "gnutls-3.8.9",
          version: "gnutls-cli 3.8.9",
          family: "3.8",
          capabilities: [],
          cli: { "gnutls-cli": { command: "x", args: [] } },
        }),
        "c.json",
      ),
    /field "cli\.gnutls-serv"/,
  );
});

Deno.test("archiveFromSources() skips comments, security archives and disabled stanzas", () => {
  const deb822 =
    "Types: deb\n# http://snapshot.example/debian/2025\nURIs: http://m.example/debian\n" +
    "Suites: bookworm bookworm-updates\nComponents: main\n\nTypes: deb\n" +
    "URIs: http://m.example/debian-security\nSuites: bookworm-security\n";
  assert.equal(archiveFromSources(deb822), "http://m.example/debian");
  assert.equal(
    archiveFromSources("Enabled: no\nTypes: deb\nURIs: http://a.example/debian\nSuites: sid\n"),
    undefined,
  );
  assert.equal(
    archiveFromSources(
      "# deb http://x.example/debian sid main\ndeb [arch=amd64] http://y.example/debian/ trixie main\n",
    ),
    "http://y.example/debian",
  );
});

Deno.test("fetchGnutls() returns cached builds without the network", async () => {
  const builds = await fetchedBuilds();
  for (const b of builds) {
    const label = b.id.replace(/^gnutls-/, "");
    // An unreachable archive proves the cache answered.
    const [again] = await fetchGnutls([label], {
      cacheDir: testCacheDir(),
      archiveUrl: "http://archive.invalid/debian",
    });
    assert.deepEqual(again, b);
    assert.equal(await toolVersion(b.cli["gnutls-serv"]), `gnutls-serv ${label}`);
    assert.match(b.debian.packages["gnutls-bin"], new RegExp(`^${label.replaceAll(".", "\\.")}-`));
  }
  for (const bad of ["3.6.0", "3.8"]) {
    await assert.rejects(
      () => fetchGnutls([bad], { cacheDir: testCacheDir() }),
      (e: Error) => e instanceof RangeError && e.message.includes(`"${bad}"`),
    );
  }
});
