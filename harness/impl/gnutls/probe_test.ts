import assert from "node:assert/strict";
import { fetchedBuilds, fixture, FIXTURE_VERSIONS } from "../../../testing/impl/gnutls_fixtures.ts";
import { capabilitiesFromHelp, helpOptions, probeGnutls, REQUIRED_OPTIONS } from "./probe.ts";

for (const v of FIXTURE_VERSIONS) {
  Deno.test(`capabilitiesFromHelp() finds cli-client and cli-server in ${v}'s help`, () => {
    const cli = fixture(v, "gnutls_cli_help.txt");
    const serv = fixture(v, "gnutls_serv_help.txt");
    assert.deepEqual(capabilitiesFromHelp(cli, serv), ["cli-client", "cli-server"]);
    const listed = helpOptions(cli);
    for (
      const o of ["resume", "noticket", "inline-commands", "save-client-trace", "waitresumption"]
    ) {
      assert.ok(listed.includes(o), `${v} gnutls-cli lists --${o}`);
    }
    // No version can save or load a session file.
    assert.deepEqual(listed.filter((o) => /sess|session/.test(o)), []);
  });
}

Deno.test("capabilitiesFromHelp() drops a capability when one required option is missing", () => {
  const cli = fixture("3.8.13", "gnutls_cli_help.txt");
  const serv = fixture("3.8.13", "gnutls_serv_help.txt");
  for (const option of REQUIRED_OPTIONS["cli-client"]) {
    const without = cli.split("\n").filter((l) =>
      !l.includes(`--${option} `) && !l.includes(`--${option}=`)
    )
      .join("\n");
    assert.deepEqual(capabilitiesFromHelp(without, serv), ["cli-server"], option);
  }
  const noEcho = serv.split("\n").filter((l) => !/--echo\b/.test(l)).join("\n");
  assert.deepEqual(capabilitiesFromHelp(cli, noEcho), ["cli-client"]);
});

Deno.test("helpOptions() reads both option styles and ignores prose", () => {
  assert.deepEqual(
    helpOptions(
      "   -r, --resume               Establish\n       --x509cafile=str  CA\n" +
        "   -v, --version[=arg]   version\nOptions are specified by doubled hyphens --like-this\n",
    ),
    ["resume", "version", "x509cafile"],
  );
});

Deno.test("probeGnutls() finds both capabilities in every fetched build", async () => {
  for (const build of await fetchedBuilds()) {
    assert.deepEqual(await probeGnutls(build), ["cli-client", "cli-server"], build.id);
    assert.deepEqual(build.capabilities, ["cli-client", "cli-server"], `${build.id} manifest`);
  }
});

Deno.test("probeGnutls() reports nothing for tools that do not start", async () => {
  const missing = { command: "/nonexistent/gnutls-cli", args: [], env: {} };
  await assert.rejects(
    () => probeGnutls({ cli: { "gnutls-cli": missing, "gnutls-serv": missing } }),
    /command not found/,
  );
  const failing = { command: "false", args: [], env: {} };
  assert.deepEqual(
    await probeGnutls({ cli: { "gnutls-cli": failing, "gnutls-serv": failing } }),
    [],
  );
});
