import assert from "node:assert/strict";
import { type CliIo, main } from "./main.ts";
import { LIST_HELP, MAIN_HELP, RUN_HELP } from "./help.ts";
import { liveChildCount } from "../process/mod.ts";

const here = new URL("./testdata/", import.meta.url).pathname;

function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    isTty: false,
    cwd: here,
    stdout: (t: string) => {
      io.out += t;
      return Promise.resolve();
    },
    stderr: (t: string) => {
      io.err += t;
      return Promise.resolve();
    },
  };
  return io;
}

Deno.test("main() prints the help texts and exits 0", async () => {
  for (
    const [args, text] of [[["--help"], MAIN_HELP], [["run", "--help"], RUN_HELP], [
      ["list", "-h"],
      LIST_HELP,
    ]] as const
  ) {
    const io = captureIo();
    assert.equal(await main([...args], io), 0);
    assert.equal(io.out, text);
  }
});

Deno.test("main() exits 2 on usage errors, saying what is wrong", async (t) => {
  const cases: [string[], RegExp][] = [
    [["frobnicate"], /Unknown command "frobnicate"/],
    [["run", "--jobs", "0", "passing.ts"], /--jobs takes a positive number/],
    [["run", "--bogus"], /bogus/],
    [["run", "--reporter", "nope", "passing.ts"], /Unknown reporter "nope"/],
    [["run", "--pairs", "some", "passing.ts"], /--pairs takes "same" or "all"/],
    [["run", "missing_file.ts"], /Scenario path not found: "[^"]*\/missing_file\.ts"/],
    [["run", "--claim", "GS-99", "passing.ts"], /--claim "GS-99"/],
    [["run", "--openssl", "9.9", "passing.ts"], /9\.9/],
  ];
  for (const [args, message] of cases) {
    await t.step(args.join(" "), async () => {
      const io = captureIo();
      assert.equal(await main(args, io), 2);
      assert.match(io.err, message);
    });
  }
});

Deno.test("main() refuses an invalid scenario before running anything, naming file and field", async () => {
  const io = captureIo();
  assert.equal(await main(["run", "unknown_claim.ts", "passing.ts"], io), 2);
  assert.match(
    io.err,
    /unknown_claim\.ts: scenario "cli_test\/unknown_claim": field "claims" names an unknown claim ID "XX-1"/,
  );
  assert.equal(io.out, "");
});

Deno.test("main() run: a passing scenario exits 0 and the JSON report keeps the contract", async () => {
  const io = captureIo();
  assert.equal(await main(["run", "passing.ts", "--reporter", "json"], io), 0);
  const report = JSON.parse(io.out);
  const r = report.results.find((r: { scenario: string }) => r.scenario === "cli_test/passing");
  assert.equal(r.status, "pass");
  assert.deepEqual(r.claims, ["SS-4"]);
  assert.equal(typeof r.duration_ms, "number");
  assert.match(r.client.version, /^OpenSSL /);
  assert.equal(r.client.path, r.server.path);
  assert.ok(
    report.results.some((x: { scenario: string }) => x.scenario === "sanity/handshake"),
    "sanity ran",
  );
  assert.equal(liveChildCount(), 0);
});

Deno.test("main() run: a failure shows the check, its claim, the output and repro commands; exit 1", async () => {
  const io = captureIo();
  assert.equal(await main(["run", "failing.ts"], io), 1);
  assert.match(io.out, /FAIL {2}cli_test\/failing/);
  assert.match(io.out, /claim SS-4: a first connection claims to be reused/);
  assert.match(io.out, /expected: true/);
  assert.match(io.out, /actual: {3}false/);
  assert.match(io.out, /reproduce by hand/);
  assert.match(io.out, /openssl s_server -accept 127\.0\.0\.1:0/);
  assert.match(io.out, /New, TLSv1\.3/);
  assert.match(io.out, /^1 passed, 1 failed, 0 errored/m);
});

Deno.test("main() run: a file that throws at import is an error result; the rest still runs", async () => {
  const io = captureIo();
  assert.equal(
    await main(["run", "throws_at_import.ts", "passing.ts", "--reporter", "json"], io),
    1,
  );
  const { results } = JSON.parse(io.out);
  const broken = results.find((r: { scenario: string }) =>
    r.scenario.endsWith("throws_at_import.ts")
  );
  assert.equal(broken.status, "error");
  assert.match(broken.message, /broken on purpose/);
  assert.equal(
    results.find((r: { scenario: string }) => r.scenario === "cli_test/passing").status,
    "pass",
  );
});

Deno.test("main() run: --timeout ends a scenario that never resolves and reaps its server", async () => {
  const io = captureIo();
  const started = performance.now();
  assert.equal(
    await main(["run", "hanging.ts", "passing.ts", "--timeout", "1", "--reporter", "json"], io),
    1,
  );
  const { results } = JSON.parse(io.out);
  const hung = results.find((r: { scenario: string }) => r.scenario === "cli_test/hanging");
  assert.equal(hung.status, "error");
  assert.match(hung.message, /timed out after 1 s \(--timeout 1\)/);
  assert.equal(
    results.find((r: { scenario: string }) => r.scenario === "cli_test/passing").status,
    "pass",
  );
  assert.ok(performance.now() - started < 10_000);
  assert.equal(liveChildCount(), 0);
});

Deno.test("main() run: with no openssl it exits 2 and says what to install or pass", async () => {
  const io = captureIo();
  Deno.env.set("OPENSSL", "/nonexistent/openssl");
  try {
    assert.equal(await main(["run", "passing.ts"], io), 2);
  } finally {
    Deno.env.delete("OPENSSL");
  }
  assert.match(io.err, /No usable "openssl" on PATH.*apt-get install openssl.*--openssl PATH/);
});

Deno.test("main() run: junit and json together, each to its own --out file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const io = captureIo();
    const code = await main([
      "run",
      "passing.ts",
      "failing.ts",
      "--reporter",
      "junit",
      "--out",
      `${dir}/r.xml`,
      "--reporter",
      "json",
      "--out",
      `${dir}/r.json`,
    ], io);
    assert.equal(code, 1);
    const xml = await Deno.readTextFile(`${dir}/r.xml`);
    assert.match(xml, /<testcase classname="system" name="cli_test\/failing"[^>]*><failure /);
    assert.match(xml, /<testcase classname="system" name="cli_test\/passing"[^>]*><properties>/);
    const json = JSON.parse(await Deno.readTextFile(`${dir}/r.json`));
    assert.equal(json.summary.fail, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("main() list and claims --from show what would run and what held", async () => {
  const io = captureIo();
  assert.equal(await main(["list", "passing.ts", "--json"], io), 0);
  const listed = JSON.parse(io.out).scenarios.map((s: { name: string }) => s.name);
  assert.deepEqual(listed, ["sanity/handshake", "cli_test/passing"]);

  const dir = await Deno.makeTempDir();
  try {
    const run = captureIo();
    await main(["run", "failing.ts", "--reporter", "json", "--out", `${dir}/r.json`], run);
    const claims = captureIo();
    assert.equal(await main(["claims", "--from", `${dir}/r.json`], claims), 1);
    assert.match(claims.out, /^SS-4 +FAIL \(1 fail\) +cli_test\/failing$/m);
    assert.match(claims.out, /^SN-5 +PASS \(1 pass\) +sanity\/handshake$/m);
    assert.match(claims.out, /^GS-1 +- +\(no scenario in this run\)$/m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("main() run --filter/--tag/--claim select scenarios; sanity always runs first", async () => {
  const io = captureIo();
  assert.equal(
    await main(["list", "passing.ts", "failing.ts", "--filter", "fail*", "--json"], io),
    0,
  );
  assert.deepEqual(JSON.parse(io.out).scenarios.map((s: { name: string }) => s.name), [
    "sanity/handshake",
    "cli_test/failing",
  ]);
});
