import assert from "node:assert/strict";
import { main } from "./main.ts";
import { captureIo as captureCliIo } from "../../testing/cli/capture_io.ts";
import {
  CLAIMS_HELP,
  LIST_HELP,
  MAIN_HELP,
  MATRIX_HELP,
  MUTATE_HELP,
  OPENSSL_HELP,
  REPORT_HELP,
  RUN_HELP,
} from "./help.ts";
import { liveChildCount, run } from "../process/mod.ts";

const here = new URL("./testdata/", import.meta.url).pathname;

const captureIo = () => captureCliIo(here);

Deno.test("main() prints the help texts and exits 0", async () => {
  for (
    const [args, text] of [
      [["--help"], MAIN_HELP],
      [["run", "--help"], RUN_HELP],
      [["list", "-h"], LIST_HELP],
      [["report", "merge", "--help"], REPORT_HELP],
      [["matrix", "--help"], MATRIX_HELP],
      [["claims", "--help"], CLAIMS_HELP],
      [["openssl", "--help"], OPENSSL_HELP],
      [["mutate", "--help"], MUTATE_HELP],
    ] as const
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

Deno.test("main() run: saves each scenario's duration in the cache dir for the next run's order", async () => {
  const cache = await Deno.makeTempDir();
  try {
    const io = captureIo();
    assert.equal(
      await main(["run", "passing.ts", "--reporter", "json", "--cache-dir", cache], io),
      0,
    );
    const saved = JSON.parse(await Deno.readTextFile(`${cache}/task_durations.json`));
    assert.equal(saved.schema_version, 1);
    assert.equal(typeof saved.durations_ms["cli_test/passing"], "number");
    assert.equal(typeof saved.durations_ms["sanity/handshake"], "number");
  } finally {
    await Deno.remove(cache, { recursive: true });
  }
});

Deno.test("main() run: a failure shows the check, its claim, the output and plain repro commands; exit 1", async () => {
  const io = captureIo();
  assert.equal(await main(["run", "failing.ts"], io), 1);
  assert.match(io.out, /FAIL {2}cli_test\/failing/);
  assert.match(io.out, /claim SS-4: a first connection claims to be reused/);
  assert.match(io.out, /expected: true/);
  assert.match(io.out, /actual: {3}false/);
  assert.match(io.out, /reproduce: the result's repro\.sh/);
  assert.match(
    io.out,
    /s_server \(exit [^)]*\): \/usr\/bin\/openssl s_server -accept 127\.0\.0\.1:0/,
  );
  assert.doesNotMatch(
    io.out,
    /LD_PRELOAD|_STDBUF_|stdbuf/,
    "no internal wrapper in what people read",
  );
  // the last lines of each peer's output, PEM blocks folded (the full text is in JSON/HTML)
  assert.match(
    io.out,
    /s_client \(exit 0\)[^\n]*\n {4}stdout \(last lines\):\n[\s\S]*read R BLOCK/,
  );
  assert.doesNotMatch(io.out, /-----BEGIN SSL SESSION PARAMETERS-----/);
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
  // In a child process: OPENSSL is process-wide, and `deno test --parallel` runs other test
  // files' builds in this process at the same time.
  const cli = new URL("../../cli.ts", import.meta.url).pathname;
  const child = await run(Deno.execPath(), {
    args: ["run", "-A", cli, "run", "passing.ts"],
    env: { OPENSSL: "/nonexistent/openssl", INIT_CWD: here, NO_COLOR: "1" },
    timeoutMs: 60_000,
  });
  const err = child.stderr;
  assert.equal(child.code, 2, err);
  assert.match(err, /No usable "openssl" on PATH.*apt-get install openssl.*--openssl PATH/);
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
    // classname: the man page (no dots); name: scenario (client→server)
    assert.match(
      xml,
      /<testcase classname="SSL_set_session\(3\)" name="cli_test\/failing \(system→system\)" file="[^"]*failing\.ts"[^>]*><failure /,
    );
    assert.match(
      xml,
      /<testcase [^>]*name="cli_test\/passing \(system→system\)"[^>]*><system-out>/,
    );
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

Deno.test("main() run --shard I/N: the shards split the tasks, report merge puts them back", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const whole = captureIo();
    assert.equal(await main(["run", "passing.ts", "failing.ts", "--reporter", "json"], whole), 1);
    const all = JSON.parse(whole.out).results.map((r: { scenario: string }) => r.scenario).sort();
    const parts: string[][] = [];
    for (const i of [1, 2]) {
      const io = captureIo();
      const code = await main([
        "run",
        "passing.ts",
        "failing.ts",
        "--shard",
        `${i}/2`,
        "--reporter",
        "json",
        "--out",
        `${dir}/s${i}.json`,
      ], io);
      const report = JSON.parse(await Deno.readTextFile(`${dir}/s${i}.json`));
      assert.equal(report.summary.shard, `${i}/2`);
      const names = report.results.map((r: { scenario: string }) => r.scenario);
      assert.equal(code, names.includes("cli_test/failing") ? 1 : 0);
      parts.push(names);
    }
    assert.deepEqual(parts.flat().sort(), all, "every task in exactly one shard");
    assert.ok(parts.every((p) => p.length > 0));

    const merged = captureIo();
    assert.equal(
      await main([
        "report",
        "merge",
        `${dir}/s1.json`,
        `${dir}/s2.json`,
        "--html",
        `${dir}/m.html`,
        "--reporter",
        "json",
        "--reporter",
        "markdown",
        "--out",
        `${dir}/m.json`,
        "--out",
        `${dir}/m.md`,
      ], merged),
      1,
    );
    const report = JSON.parse(await Deno.readTextFile(`${dir}/m.json`));
    assert.equal(report.summary.total, all.length);
    assert.equal(report.summary.fail, 1);
    assert.deepEqual(report.summary.merged_from, [`${dir}/s1.json`, `${dir}/s2.json`]);
    assert.match(await Deno.readTextFile(`${dir}/m.md`), /\| `cli_test\/failing` \| SS-4 \| ✗ \|/);
    assert.match(await Deno.readTextFile(`${dir}/m.html`), /id="verdict">FAILED</);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.equal(liveChildCount(), 0);
});

Deno.test("main() report merge: exit 0 when all passed, 2 on bad input", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    const ok = `${dir}/ok.json`;
    assert.equal(
      await main(["run", "passing.ts", "--reporter", "json", "--out", ok], captureIo()),
      0,
    );
    await t.step("a passing report merges to exit 0, JSON on stdout by default", async () => {
      const io = captureIo();
      assert.equal(await main(["report", "merge", ok, ok], io), 0);
      const merged = JSON.parse(io.out);
      assert.equal(merged.summary.total, 2, "the same tasks twice are kept once");
    });
    await Deno.writeTextFile(`${dir}/list.json`, '{"scenarios": []}');
    await Deno.writeTextFile(`${dir}/broken.json`, '{"results": [');
    const cases: [string[], RegExp][] = [
      [["report", "merge", `${dir}/missing.json`], /Cannot read report "[^"]*missing\.json"/],
      [["report", "merge", `${dir}/list.json`], /Not a JSON report: .*list\.json: the document/],
      [["report", "merge", ok, `${dir}/broken.json`], /broken\.json: not valid JSON/],
      [["report", "merge"], /needs at least one JSON report/],
      [["report", "split", ok], /Unknown report command "split"/],
      [["report", "merge", ok, "--reporter", "yaml"], /Unknown reporter "yaml"/],
      [["run", "passing.ts", "--shard", "3/2"], /--shard takes I\/N .*\(got "3\/2"\)/],
      [["run", "passing.ts", "--shard", "a"], /--shard takes I\/N/],
    ];
    for (const [args, message] of cases) {
      await t.step(
        args.slice(0, 2).join(" ") + " " + args.slice(2).join(" ").replaceAll(dir, ""),
        async () => {
          const io = captureIo();
          assert.equal(await main(args, io), 2);
          assert.match(io.err, message);
        },
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("main() run --html FILE and --reporter markdown report the same run", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const io = captureIo();
    const code = await main(
      ["run", "passing.ts", "failing.ts", "--reporter", "markdown", "--html", `${dir}/r.html`],
      io,
    );
    assert.equal(code, 1);
    assert.match(io.out, /^# tls-session-harness report$/m);
    assert.match(io.out, /^\| `cli_test\/failing` \| SS-4 \| ✗ \|$/m);
    assert.match(io.out, /```sh\n#!\/usr\/bin\/env bash\n[^`]*s_server -accept 127\.0\.0\.1:0/);
    const html = await Deno.readTextFile(`${dir}/r.html`);
    assert.match(html, /<details class="result st-fail bad" id="r-\d+" open>/);
    assert.match(html, /New, TLSv1\.3/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("main() mutate: kills a scenario through its declared mutant; a scenario with none is a survivor", async () => {
  const killed = captureIo();
  assert.equal(await main(["mutate", "passing.ts", "--reporter", "json"], killed), 0);
  const report = JSON.parse(killed.out);
  assert.deepEqual(
    report.scenarios.map((
      r: { scenario: string; mutant: string; killed: boolean },
    ) => [r.scenario, r.mutant, r.killed]),
    [["cli_test/passing", "untrusted_ca", true]],
  );
  assert.equal(report.summary.score, 1);

  const survivor = captureIo();
  assert.equal(await main(["mutate", "failing.ts"], survivor), 1);
  assert.match(survivor.out, /survivor: cli_test\/failing × \(declares no mutant\)/);
  assert.equal(liveChildCount(), 0);
});

Deno.test("main() mutate: scenarios come through run's load/validate/select path", async (t) => {
  await t.step("an unknown --claim is a usage error", async () => {
    const io = captureIo();
    assert.equal(await main(["mutate", "--claim", "GS-99", "passing.ts"], io), 2);
    assert.match(io.err, /--claim "GS-99" is not a claim ID/);
  });
  await t.step("an invalid declaration is refused before anything runs", async () => {
    const io = captureIo();
    assert.equal(await main(["mutate", "unknown_claim.ts"], io), 2);
    assert.match(io.err, /field "claims" names an unknown claim ID "XX-1"/);
    assert.equal(io.out, "");
  });
  await t.step("a file that does not load is an error and fails the run", async () => {
    const io = captureIo();
    assert.equal(
      await main(["mutate", "throws_at_import.ts", "passing.ts", "--reporter", "json"], io),
      1,
    );
    assert.match(io.err, /^error: [^\n]*throws_at_import\.ts: /m);
    assert.deepEqual(
      JSON.parse(io.out).scenarios.map((r: { scenario: string }) => r.scenario),
      ["cli_test/passing"],
    );
  });
  assert.equal(liveChildCount(), 0);
});

Deno.test("main() run: --out - keeps that reporter on stdout while the next one writes a file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const io = captureIo();
    const code = await main([
      "run",
      "passing.ts",
      "--reporter",
      "json",
      "--out",
      "-",
      "--reporter",
      "junit",
      "--out",
      `${dir}/r.xml`,
    ], io);
    assert.equal(code, 0);
    assert.equal(JSON.parse(io.out).summary.pass, 2);
    assert.match(await Deno.readTextFile(`${dir}/r.xml`), /<testsuites/);
    await assert.rejects(Deno.stat(`${io.cwd}/-`), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("main() variants: list shows them, --filter picks scenario[variant], reports name them, mutate scores each", async (t) => {
  await t.step("list: one line per variant; --json with the dropped ones and why", async () => {
    const text = captureIo();
    assert.equal(await main(["list", "variants.ts"], text), 0);
    assert.match(text.out, /^cli_test\/variants\[1\.2\/stateless\] +SS-4/m);
    assert.doesNotMatch(text.out, /1\.2\/stateful/);
    const io = captureIo();
    assert.equal(await main(["list", "variants.ts", "--json"], io), 0);
    const listed = JSON.parse(io.out).scenarios.find((s: { name: string }) =>
      s.name === "cli_test/variants"
    );
    assert.deepEqual(listed.variants.map((v: { id: string }) => v.id), [
      "1.2/stateless",
      "1.3/stateless",
      "1.3/stateful",
    ]);
    assert.deepEqual(listed.dropped_variants, [{
      id: "1.2/stateful",
      values: { tls: "1.2", tickets: "stateful" },
      reason: "no stateful tickets in TLS 1.2",
    }]);
  });
  await t.step(
    "run --filter 'x[1.3/*]': a result per variant, named scenario[variant]",
    async () => {
      const dir = await Deno.makeTempDir();
      try {
        const io = captureIo();
        const args = ["run", "variants.ts", "--filter", "cli_test/variants[1.3/*]"];
        const out = ["--reporter", "json", "--out", `${dir}/r.json`, "--reporter", "junit"];
        assert.equal(await main([...args, ...out], io), 0);
        const report = JSON.parse(await Deno.readTextFile(`${dir}/r.json`));
        assert.deepEqual(
          report.results.map((
            r: { scenario: string; variant?: string },
          ) => [r.scenario, r.variant]),
          [
            ["cli_test/variants", "1.3/stateful"],
            ["cli_test/variants", "1.3/stateless"],
            ["sanity/handshake", undefined],
          ],
        );
        assert.match(
          io.out,
          /<testcase [^>]*name="cli_test\/variants\[1\.3\/stateful\] \(system→system\)"/,
        );
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  );
  await t.step("mutate: each variant against its own mutants (mutantsFor)", async () => {
    const io = captureIo();
    assert.equal(await main(["mutate", "variants.ts", "--reporter", "json"], io), 1);
    const report = JSON.parse(io.out);
    const rows = report.scenarios.map((
      r: { variant: string; mutant: string; killed: boolean },
    ) => `${r.variant} × ${r.mutant}: ${r.killed}`);
    assert.deepEqual(rows.sort(), [
      "1.2/stateless × untrusted_ca: true",
      "1.3/stateful × null: false",
      "1.3/stateless × untrusted_ca: true",
    ]);
    assert.deepEqual(report.summary.survivors, ["cli_test/variants[1.3/stateful]"]);
    assert.equal(report.summary.scenarios, 3);
  });
  assert.equal(liveChildCount(), 0);
});
