import assert from "node:assert/strict";
import { makePrivateTempDir } from "../temp_dir/mod.ts";
import {
  archiveForSuite,
  debianArchiveUrl,
  parseDeb822Sources,
  parseSourcesList,
  pickDebianArchive,
  sourcesLine,
} from "./apt_sources.ts";

// Shaped like the deb822 file on the project's machines: comment lines inside stanzas, a
// security stanza second. Hosts are placeholders.
const DEB822 = `Types: deb
# http://snapshot.example/archive/debian/20250520T000000Z
URIs: http://mirror.example/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
# http://snapshot.example/archive/debian-security/20250520T000000Z
URIs: http://mirror.example/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
`;

const noEnv = () => undefined;

Deno.test("parseDeb822Sources() reads stanzas across comment lines", () => {
  const sources = parseDeb822Sources(DEB822);
  assert.equal(sources.length, 2);
  assert.deepEqual(sources[0], {
    types: ["deb"],
    uris: ["http://mirror.example/debian"],
    suites: ["bookworm", "bookworm-updates"],
    components: ["main"],
    signedBy: "/usr/share/keyrings/debian-archive-keyring.gpg",
    enabled: true,
  });
  assert.deepEqual(sources[1].suites, ["bookworm-security"]);
});

Deno.test("parseDeb822Sources() honours Enabled: no and continuation lines", () => {
  const text = "Types: deb\nURIs: http://a.example/debian\nSuites: trixie\nEnabled: no\n\n" +
    "Types: deb\nURIs: http://b.example/debian\n http://c.example/debian\nSuites: trixie\n";
  const [off, on] = parseDeb822Sources(text);
  assert.equal(off.enabled, false);
  assert.deepEqual(on.uris, ["http://b.example/debian", "http://c.example/debian"]);
  assert.equal(pickDebianArchive([off, on]), "http://b.example/debian");
});

Deno.test("parseDeb822Sources() throws a SyntaxError naming file and line", () => {
  assert.throws(
    () => parseDeb822Sources("Types: deb\nnot a field\n", "/etc/apt/x.sources"),
    (e: unknown) =>
      e instanceof SyntaxError &&
      /\/etc\/apt\/x\.sources:2: expected "Field: value"/.test(e.message),
  );
});

Deno.test("parseSourcesList() reads one-line sources with options and comments", () => {
  const text = "# comment\n" +
    "deb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian/ bookworm main contrib\n" +
    "deb-src http://mirror.example/debian bookworm main\n";
  const [bin, src] = parseSourcesList(text);
  assert.deepEqual(bin, {
    types: ["deb"],
    uris: ["http://mirror.example/debian/"],
    suites: ["bookworm"],
    components: ["main", "contrib"],
    signedBy: "/k.gpg",
    enabled: true,
  });
  assert.deepEqual(src.types, ["deb-src"]);
  assert.throws(() => parseSourcesList("deb\n", "l.list"), /l\.list:1: expected "deb/);
});

Deno.test("pickDebianArchive() skips security, source-only and non-Debian repositories", () => {
  const sources = [
    ...parseSourcesList("deb http://ports.example/ubuntu jammy main\n"),
    ...parseSourcesList("deb-src http://src.example/debian bookworm main\n"),
    ...parseSourcesList("deb http://sec.example/debian-security bookworm-security main\n"),
    ...parseDeb822Sources(DEB822),
  ];
  assert.equal(pickDebianArchive(sources), "http://mirror.example/debian");
  assert.equal(pickDebianArchive(sources.slice(0, 3)), undefined);
});

Deno.test("debianArchiveUrl() reads sources.list.d and sources.list", async (t) => {
  await using dir = await makePrivateTempDir();
  await Deno.mkdir(`${dir.path}/sources.list.d`);
  await t.step("a deb822 file", async () => {
    await Deno.writeTextFile(`${dir.path}/sources.list.d/debian.sources`, DEB822);
    assert.equal(
      await debianArchiveUrl({ aptDir: dir.path, getEnv: noEnv }),
      "http://mirror.example/debian",
    );
  });
  await t.step("a classic sources.list when there is no deb822 file", async () => {
    await Deno.remove(`${dir.path}/sources.list.d/debian.sources`);
    await Deno.writeTextFile(
      `${dir.path}/sources.list`,
      "deb http://classic.example/debian bullseye main\n",
    );
    assert.equal(
      await debianArchiveUrl({ aptDir: dir.path, getEnv: noEnv }),
      "http://classic.example/debian",
    );
  });
  await t.step("TLS_HARNESS_DEBIAN_ARCHIVE overrides", async () => {
    const getEnv = (n: string) =>
      n === "TLS_HARNESS_DEBIAN_ARCHIVE" ? "http://env.example/debian/" : undefined;
    assert.equal(await debianArchiveUrl({ aptDir: dir.path, getEnv }), "http://env.example/debian");
  });
  await t.step("no Debian source is an error that says what to do", async () => {
    await Deno.writeTextFile(`${dir.path}/sources.list`, "");
    await assert.rejects(
      debianArchiveUrl({ aptDir: dir.path, getEnv: noEnv }),
      /TLS_HARNESS_DEBIAN_ARCHIVE.*--openssl PATH/,
    );
  });
});

Deno.test("sourcesLine() keeps signature checks on", () => {
  assert.equal(
    sourcesLine("http://mirror.example/debian/", "sid"),
    "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://mirror.example/debian sid main",
  );
});

Deno.test("archiveForSuite() takes a security suite from the host's own source", () => {
  const sources = parseDeb822Sources(DEB822);
  assert.equal(
    archiveForSuite(sources, "bookworm-security", "http://other.example/debian"),
    "http://mirror.example/debian-security",
  );
  // Not listed by the host: Debian's sibling layout.
  assert.equal(
    archiveForSuite([], "trixie-security", "http://other.example/debian/"),
    "http://other.example/debian-security",
  );
  assert.equal(
    archiveForSuite(sources, "sid", "http://other.example/debian"),
    "http://other.example/debian",
  );
});
