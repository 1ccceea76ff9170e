import assert from "node:assert/strict";
import type { BuildRef, ScenarioResult } from "../runner/mod.ts";
import {
  diffExitCode,
  DiffInputError,
  diffReports,
  normaliseObserved,
  parseBuildMapping,
  readDiffInput,
  sameObserved,
  versionFamily,
} from "./diff.ts";
import { DIFF_FORMATTERS, formatDiffJson, formatDiffPretty } from "./diff_format.ts";
import { countResults, type ReportData } from "./report_data.ts";
import { result, SYSTEM } from "../../testing/report/test_results.ts";

const B19: BuildRef = { id: "3.0.19", version: "OpenSSL 3.0.19", path: "/c/3.0.19/openssl" };
const B20: BuildRef = { id: "3.0.20", version: "OpenSSL 3.0.20", path: "/c/3.0/openssl" };
const B35: BuildRef = { id: "3.5.9", version: "OpenSSL 3.5.9", path: "/c/3.5/openssl" };

function report(results: ScenarioResult[]): ReportData {
  return {
    results,
    builds: [...new Map(results.flatMap((r) => [r.client, r.server]).map((b) => [b.id, b]))
      .values()],
    summary: {
      counts: countResults(results),
      durationMs: 1,
      startedAt: "",
      interrupted: false,
      staleDeviations: [],
    },
  };
}

const fixture = (name: string) =>
  readDiffInput(Deno.readTextFileSync(new URL(`./testdata/${name}`, import.meta.url)), {
    file: name,
  });

Deno.test("diffReports() of a report against itself finds nothing and exits 0", () => {
  const a = report([result("a/x", "pass", B20, B20), result("a/y", "xfail", B20, B20)]);
  const d = diffReports(a, a);
  assert.equal(d.unchanged, 2);
  assert.deepEqual([d.statusChanges, d.observedChanges, d.onlyInBase, d.onlyInNew], [
    [],
    [],
    [],
    [],
  ]);
  assert.equal(diffExitCode(d), 0);
});

Deno.test("diffReports() classifies status changes: worse is a regression, better is not", () => {
  const base = report([
    result("a/pass_to_fail", "pass", B20, B20),
    result("a/xfail_to_pass", "xfail", B20, B20),
    result("a/fail_to_error", "fail", B20, B20),
    result("a/pass_to_unsupported", "pass", B20, B20),
  ]);
  const next = report([
    result("a/pass_to_fail", "fail", B20, B20, { message: "Expectation failed" }),
    result("a/xfail_to_pass", "pass", B20, B20),
    result("a/fail_to_error", "error", B20, B20),
    result("a/pass_to_unsupported", "unsupported" as ScenarioResult["status"], B20, B20),
  ]);
  const d = diffReports(base, next);
  const by = new Map(d.statusChanges.map((c) => [c.scenario, c]));
  assert.equal(by.get("a/pass_to_fail")?.regression, true);
  assert.equal(by.get("a/pass_to_fail")?.message, "Expectation failed");
  assert.equal(by.get("a/xfail_to_pass")?.regression, false);
  assert.equal(by.get("a/fail_to_error")?.regression, true);
  assert.equal(by.get("a/pass_to_unsupported")?.regression, true);
  assert.equal(d.statusChanges.at(-1)?.scenario, "a/xfail_to_pass", "regressions come first");
  assert.equal(diffExitCode(d), 1);
  // Only improvements: exit 0.
  assert.equal(diffExitCode(diffReports(next, base)), 1, "reversed, pass → xfail is a regression");
  const better = diffReports(
    report([result("a/x", "xfail", B20, B20)]),
    report([result("a/x", "pass", B20, B20)]),
  );
  assert.equal(better.statusChanges.length, 1);
  assert.equal(diffExitCode(better), 0);
});

Deno.test("diffReports() reports a value a passing check observed that changed", () => {
  const observed = (actual: string) => ({
    expectations: [{
      claim: "GS-9",
      description: "tickets seen",
      passed: true,
      actual,
      expected: ">= 1",
    }],
  });
  const d = diffReports(
    report([result("a/x", "pass", B20, B20, observed("2"))]),
    report([result("a/x", "pass", B20, B20, observed("1"))]),
  );
  assert.equal(d.observedChanges.length, 1);
  assert.deepEqual([d.observedChanges[0].from, d.observedChanges[0].to], ["2", "1"]);
  assert.equal(d.unchanged, 0);
  assert.equal(diffExitCode(d), 1);
});

Deno.test("sameObserved() ignores what a run picks at random, not what it measures", () => {
  assert.equal(normaliseObserved('{ ptr: "0x55d9100f3680" }'), '{ ptr: "0x<addr>" }');
  assert.ok(sameObserved("<32 bytes 2e16d37c693ee7f1>", "<32 bytes ffb4ca38fce67099>"));
  assert.ok(!sameObserved("<32 bytes 2e16d37c693ee7f1>", "<48 bytes ffb4ca38fce67099>"));
  assert.ok(sameObserved("<208 bytes c5cf278f39e7dc11…>", "<192 bytes a200dd96136a75f6…>"));
  assert.ok(
    sameObserved(
      "-cert /tmp/tls-harness-run-96/leaf.pem",
      "-cert /tmp/tls-harness-run-5b/leaf.pem",
    ),
  );
  assert.ok(
    sameObserved("{ fullBytes: 913, certificate: 457 }", "{ fullBytes: 914, certificate: 458 }"),
  );
  assert.ok(
    !sameObserved("{ fullBytes: 766, certificate: 457 }", "{ fullBytes: 1855, certificate: 458 }"),
  );
  assert.ok(!sameObserved("{ tickets: 2 }", "{ tickets: 1 }"), "small counts must match");
  assert.ok(!sameObserved("true", "false"));
  assert.ok(
    sameObserved(
      `[ '    0000 - 8a 06 8c 22 5d   ..."]' ]`,
      `[ "    0000 - d3 dd 83 7e b5   ...~." ]`,
    ),
  );
  // From `deno task stress`: a ticket whose text column holds `']` (a quote, then the bracket
  // that ends the array) once compared unequal.
  assert.ok(
    sameObserved(
      '[ "    0000 - b5 8b 4e 59 9d 7b 8f f8-d7 5a 2c 38 ce bf f5 53   ..NY.{...Z,8...S", ' +
        '"    0010 - 2c 26 83 21 1b 82 b2 be-d1 7b a8 35 ac 39 c8 73   ,&.!.....{.5.9.s" ]',
      '[ "    0000 - b7 67 27 5d 3f c5 35 60-33 77 96 06 24 16 31 03   .g\']?.5`3w..$.1.", ' +
        '"    0010 - ee 85 cf e9 d8 c0 c3 fa-59 33 48 99 77 b0 77 15   ........Y3H.w.w." ]',
    ),
  );
  assert.ok(
    sameObserved(
      String.raw`[ "    0000 - 5c 41   \\A" ]`,
      String.raw`[ "    0000 - 42 43   BC" ]`,
    ),
    "a backslash in the text column is one character, escaped",
  );
  assert.ok(
    sameObserved(
      '[ "    0000 - 4e b6 da f4 9e 66 54 20-f4 86 e2 a4 97 d3 b1 4b   N....fT .......K" ]',
      '[ "    0000 - 20 a5 75 ca a2 94 c3 0f-55 44 ba 25 b6 74 fa 5f    .u.....UD.%.t._" ]',
    ),
    "a text column that starts with a space (byte 0x20)",
  );
  assert.ok(
    sameObserved(
      '[ "    0000 - 01 02 03 04 05 06 07 08-                           ........" ]',
      '[ "    0000 - 0a 0b 0c 0d 0e 0f 10 11-                           ........" ]',
    ),
    "a line of 8 bytes ends with the dash",
  );
  assert.ok(
    !sameObserved('[ "    0000 - 5c 41   .A" ]', '[ "    0000 - 5c 41   .A", "x" ]'),
    "only the dump lines are masked",
  );
});

Deno.test("sameObserved() compares redacted secrets by their order in the value, not the run's", () => {
  // The redactor numbers secrets run-wide, in the order scenarios happened to meet them.
  assert.ok(sameObserved('"<secret value #2>"', '"<secret value #1>"'));
  assert.ok(
    sameObserved(
      "[ <secret value #4>, <secret value #4> ]",
      "[ <secret value #9>, <secret value #9> ]",
    ),
  );
  assert.ok(
    !sameObserved(
      "[ <secret value #4>, <secret value #4> ]",
      "[ <secret value #4>, <secret value #5> ]",
    ),
    "the same secret twice is not two secrets",
  );
  assert.ok(!sameObserved("<secret Master-Key #1>", "<secret Session-ID #1>"));
});

Deno.test("diffReports() pairs builds by family, by --map, and leaves the rest one-sided", async (t) => {
  await t.step("3.0.19 ↔ 3.0.20: one build of family 3.0 on each side", () => {
    const d = diffReports(
      report([result("a/x", "pass", B19, B19)]),
      report([result("a/x", "fail", B20, B20)]),
    );
    assert.deepEqual(d.pairs.map((p) => [p.base.id, p.next.id, p.how]), [[
      "3.0.19",
      "3.0.20",
      "family",
    ]]);
    assert.equal(d.statusChanges[0].regression, true);
  });
  await t.step("system is known by the version it reports", () => {
    assert.equal(versionFamily(SYSTEM), "openssl 3.0");
    assert.equal(
      versionFamily({ ...B19, id: "1.1.1w", version: "OpenSSL 1.1.1w" }),
      "openssl 1.1.1",
    );
    assert.equal(
      versionFamily({ ...B20, implementation: "wolfssl", id: "5.7.6" } as BuildRef),
      "wolfssl 5.7",
    );
    const d = diffReports(
      report([result("a/x", "pass", SYSTEM, SYSTEM)]),
      report([result("a/x", "pass", B20, B20)]),
    );
    assert.deepEqual(d.pairs.map((p) => p.how), ["family"]);
  });
  await t.step("another family is not paired unless mapped", () => {
    const base = report([result("a/x", "pass", B20, B20)]);
    const next = report([result("a/x", "pass", B35, B35), result("a/y", "pass", B35, B35)]);
    const apart = diffReports(base, next);
    assert.equal(apart.onlyInBase.length, 1);
    assert.equal(apart.onlyInNew.length, 2);
    assert.equal(diffExitCode(apart), 0, "one-sided results do not fail the diff");
    const mapped = diffReports(base, next, { map: [parseBuildMapping("3.0.20=3.5.9")] });
    assert.equal(mapped.unchanged, 1);
    assert.deepEqual(mapped.onlyInNew.map((c) => c.scenario), ["a/y"]);
  });
  await t.step("cross pairs follow their builds", () => {
    const d = diffReports(
      report([result("a/x", "pass", B19, SYSTEM)]),
      report([result("a/x", "pass", B20, SYSTEM)]),
    );
    assert.equal(d.unchanged, 1);
  });
  await t.step("variants are part of the identity; absent is the empty variant", () => {
    const v = (name: string) => ({ variant: name }) as Partial<ScenarioResult>;
    const d = diffReports(
      report([result("a/x", "pass", B20, B20), result("a/x", "pass", B20, B20, v("tls12"))]),
      report([result("a/x", "pass", B20, B20, v("")), result("a/x", "fail", B20, B20, v("tls12"))]),
    );
    assert.equal(d.unchanged, 1);
    assert.equal(d.statusChanges[0].variant, "tls12");
    assert.match(formatDiffPretty(d), /a\/x\[tls12\] \[3\.0\.20\]: pass → fail/);
  });
});

Deno.test("readDiffInput() and parseBuildMapping() throw DiffInputError on bad input", () => {
  assert.throws(() => readDiffInput("not json", { file: "x.json" }), DiffInputError);
  assert.throws(() => readDiffInput('{"tests": []}', { file: "x.json" }), /x\.json: the document/);
  assert.throws(() => parseBuildMapping("3.0.19"), DiffInputError);
  assert.throws(
    () => diffReports(report([]), report([]), { map: [parseBuildMapping("a=b")] }),
    /--map a=b: base has no build "a"/,
  );
});

Deno.test("diffReports() on real reports: 3.0.19 vs 3.0.20 and a run vs itself find nothing", () => {
  const r19 = fixture("run_3.0.19.json");
  const r20 = fixture("run_3.0.20.json");
  for (const [a, b] of [[r19, r20], [r20, r20], [r19, r19]]) {
    const d = diffReports(a, b);
    assert.equal(d.unchanged, a.results.length, formatDiffPretty(d));
    assert.equal(diffExitCode(d), 0);
  }
});

Deno.test("diffReports() on real reports: 3.0 vs 3.5 mapped shows what 3.5 observes differently", () => {
  const d = diffReports(fixture("run_3.0.20.json"), fixture("run_3.5.9.json"), {
    map: [parseBuildMapping("3.0.20=3.5.9")],
  });
  assert.equal(d.onlyInBase.length + d.onlyInNew.length, 0);
  const changed = new Set(d.observedChanges.map((c) => c.scenario));
  // 3.5 sends a hybrid ML-KEM key share: the full handshake reads about 1 KB more.
  assert.ok(changed.has("interop/deno_server_tickets_resume"), [...changed].join(", "));
  assert.ok(changed.has("get_session/www_page_last_ticket"), "secure renegotiation: forbidden");
  assert.ok(!changed.has("get_session/last_ticket_wins"), "ticket bytes are random, not a change");
  assert.equal(diffExitCode(d), 1);
  // Unmapped, the families differ: everything is one-sided and nothing regressed.
  const apart = diffReports(fixture("run_3.0.20.json"), fixture("run_3.5.9.json"));
  assert.equal(apart.unchanged, 0);
  assert.equal(diffExitCode(apart), 0);
});

Deno.test("diff formatters render every kind of change", () => {
  const d = diffReports(
    report([result("a/x", "pass", B19, B19), result("a/gone", "pass", B19, B19)]),
    report([result("a/x", "fail", B20, B20), result("a/new", "skip", B20, B20)]),
    { baseFile: "old.json", newFile: "new.json" },
  );
  const pretty = formatDiffPretty(d);
  assert.match(pretty, /3\.0\.19 ⇒ 3\.0\.20 \(family\)/);
  assert.match(pretty, /REGRESSED a\/x \[3\.0\.19 ⇒ 3\.0\.20\]: pass → fail/);
  assert.match(pretty, /Only in old\.json:\n {2}a\/gone \[3\.0\.19\]: pass/);
  assert.match(pretty, /\nREGRESSED: 1 regressed, 0 other/);
  assert.ok(!pretty.includes("\x1b["), "no colour unless asked");
  assert.ok(formatDiffPretty(d, { colour: true }).includes("\x1b[31mREGRESSED\x1b[0m"));
  const json = JSON.parse(formatDiffJson(d));
  assert.equal(json.verdict, "REGRESSED");
  assert.equal(json.exit_code, 1);
  assert.deepEqual(json.status_changes[0].new.client, { id: "3.0.20", version: "OpenSSL 3.0.20" });
  assert.deepEqual(json.only_in_new.map((c: { scenario: string }) => c.scenario), ["a/new"]);
  assert.match(
    DIFF_FORMATTERS.markdown(d),
    /^\| regressed \| `a\/x` \| 3\.0\.19 ⇒ 3\.0\.20 \| ✓ pass \| ✗ fail \|$/m,
  );
  const html = DIFF_FORMATTERS.html(d);
  assert.match(html, /id="verdict">REGRESSED</);
  assert.doesNotMatch(html, /(src|href)\s*=\s*["']?(https?:|\/\/)/i);
});
