import assert from "node:assert/strict";
import { makePrivateTempDir } from "../temp_dir/mod.ts";
import { openPrivateApt, parseMadison, stateName, upstreamVersion } from "./private_apt.ts";

// As apt-cache prints it on the project's machines (hosts are placeholders).
const MADISON =
  `   openssl | 3.0.22-1~deb12u2 | http://mirror.example/debian-security bookworm-security/main amd64 Packages
   openssl | 3.0.20-1~deb12u2 | http://mirror.example/debian bookworm/main amd64 Packages
   openssl | 3.0.17-1~deb12u2 | http://mirror.example/debian bookworm-updates/main amd64 Packages
`;

Deno.test("parseMadison() reads every version with the suite that holds it", () => {
  assert.deepEqual(parseMadison(MADISON).map((v) => `${v.version} ${v.from}`), [
    "3.0.22-1~deb12u2 bookworm-security/main",
    "3.0.20-1~deb12u2 bookworm/main",
    "3.0.17-1~deb12u2 bookworm-updates/main",
  ]);
  assert.deepEqual(parseMadison(""), []);
});

Deno.test("upstreamVersion() drops the epoch and the Debian revision", () => {
  assert.equal(upstreamVersion("3.0.17-1~deb12u2"), "3.0.17");
  assert.equal(upstreamVersion("1.1.1w-0+deb11u1"), "1.1.1w");
  assert.equal(upstreamVersion("1:2.3-4-5"), "2.3-4");
  assert.equal(upstreamVersion("4.0.3"), "4.0.3");
});

Deno.test("openPrivateApt() writes one signed source per suite, security from the host", async () => {
  await using dir = await makePrivateTempDir();
  await Deno.mkdir(`${dir.path}/etc/sources.list.d`, { recursive: true });
  await Deno.writeTextFile(
    `${dir.path}/etc/sources.list.d/debian.sources`,
    "Types: deb\nURIs: http://sec.example/debian-security\nSuites: bookworm-security\n",
  );
  const suites = ["bookworm", "bookworm-updates", "bookworm-security"];
  const apt = await openPrivateApt(`${dir.path}/cache`, suites, {
    archiveUrl: "http://mirror.example/debian",
    aptDir: `${dir.path}/etc`,
  });
  assert.equal(stateName(suites), "bookworm+bookworm-updates+bookworm-security");
  assert.equal(apt.dir, `${dir.path}/cache/apt/bookworm+bookworm-updates+bookworm-security`);
  const k = "[signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]";
  assert.equal(
    await Deno.readTextFile(`${apt.dir}/sources.list`),
    `deb ${k} http://mirror.example/debian bookworm main\n` +
      `deb ${k} http://mirror.example/debian bookworm-updates main\n` +
      `deb ${k} http://sec.example/debian-security bookworm-security main\n`,
  );
  assert.equal(await Deno.readTextFile(`${apt.dir}/status`), "");
  assert.ok(apt.options.includes(`Dir::State::Lists=${apt.dir}/lists`));
  await assert.rejects(openPrivateApt(dir.path, [], { archiveUrl: "x" }), RangeError);
});
