import assert from "node:assert/strict";
import { makePrivateTempDir } from "../temp_dir/mod.ts";
import { systemBuild } from "./build.ts";
import { fetchedBuilds, resolveBuilds } from "./builds.ts";
import {
  BUILD_RECIPES,
  FETCHABLE_LABELS,
  fetchBuilds,
  fetchDocs,
  POINT_RELEASE_SUITES,
  readBuildManifest,
} from "./fetch.ts";
import { fetchTargets, pointReleaseFamily } from "./fetch_recipes.ts";

Deno.test("BUILD_RECIPES covers every label and loads libc6 exactly for loader builds", () => {
  assert.deepEqual(Object.keys(BUILD_RECIPES), [...FETCHABLE_LABELS]);
  for (const [label, r] of Object.entries(BUILD_RECIPES)) {
    assert.equal(r.sets[0].packages[0], "openssl", label);
    assert.equal(r.sets.some((s) => s.into === "libc6"), r.loader, label);
  }
});

Deno.test("fetchBuilds() rejects an unknown version before doing anything", async () => {
  await using dir = await makePrivateTempDir();
  await assert.rejects(
    fetchBuilds(["3.7"], { cacheDir: dir.path }),
    (e: unknown) => e instanceof RangeError && /"3\.7".*"1\.1\.1".*"all"/.test(e.message),
  );
  // Nothing was created: the check comes first.
  assert.deepEqual([...Deno.readDirSync(dir.path)], []);
});

Deno.test("fetchBuilds() returns a cached build without touching the network", async () => {
  await using dir = await makePrivateTempDir();
  const system = await systemBuild();
  const fake = { ...system, id: "3.0.x", source: "fetched" as const };
  await Deno.mkdir(`${dir.path}/builds/3.0`, { recursive: true });
  await Deno.writeTextFile(`${dir.path}/builds/3.0/build.json`, JSON.stringify(fake));
  const messages: string[] = [];
  // An unroutable archive: any apt-get call would fail, so success proves it was not needed.
  const builds = await fetchBuilds(["3.0"], {
    cacheDir: dir.path,
    archiveUrl: "http://127.0.0.1:9/debian",
    onProgress: (m) => messages.push(m),
  });
  assert.deepEqual(builds.map((b) => b.id), ["3.0.x"]);
  assert.match(messages.join("\n"), /3\.0: cached 3\.0\.x/);
});

Deno.test("fetchTargets() takes families, all and 3.0 point releases", () => {
  assert.deepEqual(fetchTargets(["3.0.17", "all", "3.0.17"]).map((t) => t.label), [
    ...FETCHABLE_LABELS,
    "3.0.17",
  ]);
  assert.deepEqual(fetchTargets(["3.0.22"]), [{ label: "3.0.22", family: "3.0", exact: "3.0.22" }]);
  assert.equal(pointReleaseFamily("3.5.9"), undefined);
  assert.throws(() => fetchTargets(["3.5.9"]), /"3\.5\.9".*point release \("3\.0\.N"\)/);
  assert.deepEqual(POINT_RELEASE_SUITES["3.0"], [
    "bookworm",
    "bookworm-updates",
    "bookworm-security",
  ]);
});

Deno.test("fetchBuilds() serves a cached point release and lists it beside its family", async () => {
  await using dir = await makePrivateTempDir();
  const system = await systemBuild();
  for (const [label, id] of [["3.0", "3.0.20"], ["3.0.17", "3.0.17"]]) {
    await Deno.mkdir(`${dir.path}/builds/${label}`, { recursive: true });
    const fake = { ...system, id, source: "fetched" as const };
    await Deno.writeTextFile(`${dir.path}/builds/${label}/build.json`, JSON.stringify(fake));
  }
  const builds = await fetchBuilds(["3.0.17"], {
    cacheDir: dir.path,
    archiveUrl: "http://127.0.0.1:9/debian",
    docs: false,
  });
  assert.deepEqual(builds.map((b) => b.id), ["3.0.17"]);
  assert.deepEqual((await fetchedBuilds({ cacheDir: dir.path })).map((b) => b.id), [
    "3.0.20",
    "3.0.17",
  ]);
  const picked = await resolveBuilds(["3.0.17"], { cacheDir: dir.path });
  assert.deepEqual(picked.map((b) => b.id), ["3.0.17"]);
  // The family build is this exact version: asking for it by number reuses it.
  const same = await fetchBuilds(["3.0.20"], {
    cacheDir: dir.path,
    archiveUrl: "http://127.0.0.1:9/debian",
    docs: false,
  });
  assert.equal(same[0].path, system.path);
  assert.equal(existsSync(`${dir.path}/builds/3.0.20`), false);
});

Deno.test("fetchDocs() needs the build in the cache and leaves cached pages alone", async () => {
  await using dir = await makePrivateTempDir();
  await assert.rejects(
    fetchDocs(["3.5"], { cacheDir: dir.path, archiveUrl: "http://127.0.0.1:9/debian" }),
    /OpenSSL 3\.5 is not in the cache: fetch it first/,
  );
  const system = await systemBuild();
  await Deno.mkdir(`${dir.path}/builds/3.5/docs/man3`, { recursive: true });
  await Deno.writeTextFile(
    `${dir.path}/builds/3.5/build.json`,
    JSON.stringify({ ...system, id: "3.5.9", source: "fetched" }),
  );
  await Deno.writeTextFile(`${dir.path}/builds/3.5/docs/links.json`, "{}");
  await Deno.writeTextFile(
    `${dir.path}/builds/3.5/docs/docs.json`,
    JSON.stringify({ package: "libssl-doc", version: "3.5.9-1", pages: 0, links: 0 }),
  );
  // An unroutable archive: success proves nothing was downloaded.
  const done = await fetchDocs(["all"], {
    cacheDir: dir.path,
    archiveUrl: "http://127.0.0.1:9/debian",
  });
  assert.deepEqual(done.map((b) => b.id), ["3.5.9"]);
});

Deno.test("readBuildManifest() is undefined for a missing label and a SyntaxError for junk", async () => {
  await using dir = await makePrivateTempDir();
  assert.equal(await readBuildManifest(dir.path, "3.5"), undefined);
  await Deno.mkdir(`${dir.path}/builds/3.5`, { recursive: true });
  await Deno.writeTextFile(`${dir.path}/builds/3.5/build.json`, '{"id": 1}');
  await assert.rejects(readBuildManifest(dir.path, "3.5"), SyntaxError);
});

Deno.test({
  name: "fetchBuilds() fails with an actionable error when the archive is unreachable",
  // Needs apt-get; 127.0.0.1:9 refuses connections, so nothing leaves the machine.
  ignore: !existsSync("/usr/bin/apt-get"),
  fn: async () => {
    await using dir = await makePrivateTempDir();
    await assert.rejects(
      fetchBuilds(["1.1.1"], { cacheDir: dir.path, archiveUrl: "http://127.0.0.1:9/debian" }),
      /Cannot update the package lists of "bullseye".*--openssl PATH/s,
    );
    // No half-fetched build is left behind.
    assert.deepEqual([...Deno.readDirSync(`${dir.path}/builds`)].map((e) => e.name), []);
  },
});

function existsSync(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}
