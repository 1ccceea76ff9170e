import assert from "node:assert/strict";
import { makePrivateTempDir } from "../temp_dir/mod.ts";
import { systemBuild } from "./build.ts";
import { hasOption, parseHelpOptions, probeBuild, PROBED_OPTIONS } from "./probe.ts";

// Excerpts of real `-help` output: 1.1.1 lists options flat, 3.x under section headings with
// continuation lines.
const HELP_111 = `Usage: s_server [options]
Valid options are:
 -help                      Display this summary
 -naccept +int              Terminate after #num connections
 -num_tickets int           The number of TLSv1.3 session tickets that a server will automatically  issue
 -no-CAfile                 Do not load the default certificates file
`;
const HELP_3X = `Usage: s_server [options]

General options:
 -help                      Display this summary

OCSP options:
 -no_proxy val              List of addresses of servers not to use HTTP(S) proxy for
                            Default from environment variable 'no_proxy', else 'NO_PROXY', else none
 -key2 infile               -Private Key file to use for servername if not in -cert2

Protocol and version options:
 -num_tickets int           The number of TLSv1.3 session tickets that a server will automatically issue
 -stateless                 Require TLSv1.3 cookies
`;

Deno.test("parseHelpOptions() reads flat 1.1.1 and sectioned 3.x help texts", () => {
  assert.deepEqual(parseHelpOptions(HELP_111), ["help", "naccept", "no-CAfile", "num_tickets"]);
  assert.deepEqual(parseHelpOptions(HELP_3X), [
    "help",
    "key2",
    "no_proxy",
    "num_tickets",
    "stateless",
  ]);
  assert.deepEqual(parseHelpOptions("Usage: nothing here\n"), []);
});

Deno.test("probeBuild() finds the session options of the system build and caches them", async () => {
  await using cache = await makePrivateTempDir();
  const build = await systemBuild();
  const caps = await probeBuild(build, { cacheDir: cache.path });
  assert.equal(caps.version, build.version);
  for (const o of ["sess_out", "sess_in", "tls1_3", "reconnect", "ign_eof", "brief", "quiet"]) {
    assert.ok(hasOption(caps, "s_client", o), `s_client -${o}`);
  }
  for (const o of ["num_tickets", "no_ticket", "naccept", "www", "context", "-stateless"]) {
    assert.ok(hasOption(caps, "s_server", o), `s_server ${o}`);
  }
  assert.equal(hasOption(caps, "s_server", "no_such_option"), false);
  assert.equal(
    Object.keys(caps.features).length,
    PROBED_OPTIONS.s_client.length + PROBED_OPTIONS.s_server.length,
  );
  assert.equal(caps.features["s_server -num_tickets"], true);

  // The second call reads the cache file: doctor it and see the change come back.
  const files = [...Deno.readDirSync(`${cache.path}/probes`)].map((e) => e.name);
  assert.equal(files.length, 1);
  const file = `${cache.path}/probes/${files[0]}`;
  const stored = JSON.parse(await Deno.readTextFile(file));
  stored.sServer = [...stored.sServer, "marker_from_cache"];
  await Deno.writeTextFile(file, JSON.stringify(stored));
  const again = await probeBuild(build, { cacheDir: cache.path });
  assert.ok(hasOption(again, "s_server", "marker_from_cache"));
  // A different version (a rebuilt binary) is probed afresh, and so is refresh: true.
  const other = await probeBuild({ ...build, version: `${build.version} (rebuilt)` }, {
    cacheDir: cache.path,
  });
  assert.equal(hasOption(other, "s_server", "marker_from_cache"), false);
  const refreshed = await probeBuild(build, { cacheDir: cache.path, refresh: true });
  assert.equal(hasOption(refreshed, "s_server", "marker_from_cache"), false);
});
