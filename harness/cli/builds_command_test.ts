import assert from "node:assert/strict";
import { main } from "./main.ts";
import { BUILDS_HELP } from "./help.ts";
import { buildSpecs } from "./run_command.ts";
import { captureIo as captureCliIo } from "../../testing/cli/capture_io.ts";

const captureIo = () => captureCliIo(new URL("./testdata/", import.meta.url).pathname);

Deno.test("builds: help, and usage errors that name the bad spec (exit 2)", async (t) => {
  const io = captureIo();
  assert.equal(await main(["builds", "--help"], io), 0);
  assert.equal(io.out, BUILDS_HELP);
  const empty = await Deno.makeTempDir();
  try {
    const cases: [string[], RegExp][] = [
      [["builds"], /^$/],
      [["builds", "frob"], /Unknown builds command "frob": use fetch or list/],
      [["builds", "list", "nss"], /Unknown implementation "nss": known are "openssl", "rustls"/],
      [
        ["builds", "list", "boringssl:14"],
        /fetch it with "deno task harness builds fetch boringssl:14"/,
      ],
      [["builds", "fetch", "wolfssl:9.9"], /Unknown wolfSSL version in "wolfssl:9\.9"/],
      [["builds", "list", "openssl:"], /Bad build spec "openssl:"/],
      [["run", "--build", "gnutls:3.9", "passing.ts"], /Unknown build "gnutls:3\.9"/],
    ];
    for (const [args, message] of cases) {
      await t.step(args.join(" "), async () => {
        const io = captureIo();
        assert.equal(await main([...args, "--cache-dir", empty], io), 2);
        assert.match(io.err, message);
      });
    }
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
});

Deno.test("builds list: every implementation's builds with capabilities; --json; fetch rustls", async () => {
  const empty = await Deno.makeTempDir();
  try {
    const io = captureIo();
    assert.equal(await main(["builds", "list", "--cache-dir", empty], io), 0);
    // An empty cache still has the system OpenSSL and Deno's rustls.
    assert.match(
      io.out,
      /^OpenSSL \(openssl\)\n {2}openssl:system\tOpenSSL 3\.\S+ .*\tcli-client:openssl cli-server:openssl session-file:openssl-pem api tcp-peer\n/,
    );
    assert.match(
      io.out,
      /\nDeno \(rustls\) \(rustls\)\n {2}rustls:rustls\tDeno \S+ \(rustls\)\ttcp-peer\n/,
    );
    const json = captureIo();
    assert.equal(await main(["builds", "list", "rustls", "--json", "--cache-dir", empty], json), 0);
    const { builds } = JSON.parse(json.out);
    assert.deepEqual(
      builds.map((b: { implementation: string; capabilities: string[] }) => [
        b.implementation,
        b.capabilities,
      ]),
      [["rustls", ["tcp-peer"]]],
    );
    const fetched = captureIo();
    assert.equal(await main(["builds", "fetch", "rustls", "--cache-dir", empty], fetched), 0);
    assert.match(fetched.out, /^rustls:rustls\t/);
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
});

Deno.test("buildSpecs(): --openssl X is --build openssl:X, first; default openssl:system", () => {
  assert.deepEqual(buildSpecs({}), ["openssl:system"]);
  assert.deepEqual(buildSpecs({ openssl: ["3.5", "all"], build: ["boringssl:14", "rustls"] }), [
    "openssl:3.5",
    "openssl:all",
    "boringssl:14",
    "rustls",
  ]);
});
