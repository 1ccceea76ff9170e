import assert from "node:assert/strict";
import { run } from "../process/mod.ts";
import type { ScenarioResult } from "../runner/mod.ts";
import { formatJunitReport } from "./junit.ts";
import { countResults } from "./report_data.ts";
import { OLD, result, sampleReport, SYSTEM } from "../../testing/report/test_results.ts";

const XSD = new URL("../../testdata/junit/junit.xsd", import.meta.url).pathname;

/** xmllint from PATH, or a failure that says what to install (the test is never skipped). */
async function findXmllint(): Promise<string> {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":").filter(Boolean)) {
    try {
      if ((await Deno.stat(`${dir}/xmllint`)).isFile) return `${dir}/xmllint`;
    } catch {
      // not in this directory
    }
  }
  throw new Error(
    `xmllint is not on PATH: install Debian's libxml2-utils ("apt-get install -y ` +
      `libxml2-utils") to validate the JUnit report against ${XSD}`,
  );
}

async function validate(xml: string): Promise<{ code: number; stderr: string }> {
  const xmllint = await findXmllint();
  const dir = await Deno.makeTempDir({ prefix: "tls-harness-junit-" });
  try {
    await Deno.writeTextFile(`${dir}/report.xml`, xml);
    const r = await run(xmllint, {
      args: ["--noout", "--schema", XSD, `${dir}/report.xml`],
      timeoutMs: 30_000,
    });
    return { code: r.code ?? -1, stderr: r.stderr };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function withExtras() {
  const data = sampleReport();
  data.results.push(
    result("get_session/last_ticket_wins", "fail", SYSTEM, SYSTEM, {
      variant: "tls12",
      message: "control \u0001 chars, <tags> & \"quotes\" and ']]>'",
    } as Partial<ScenarioResult>),
    result(
      "set_session/tls13_sess_in_resumes",
      "unsupported" as ScenarioResult["status"],
      OLD,
      OLD,
    ),
  );
  data.summary.counts = countResults(data.results);
  return data;
}

Deno.test("formatJunitReport() names tests scenario[variant] (client→server) under a dot-free classname", () => {
  const xml = formatJunitReport(withExtras());
  const classnames = [...xml.matchAll(/classname="([^"]*)"/g)].map((m) => m[1]);
  assert.ok(classnames.length > 0);
  for (const c of classnames) assert.doesNotMatch(c, /\./, `classname "${c}" has a dot`);
  assert.ok(classnames.includes("SSL_get_session(3)"));
  assert.match(xml, /name="get_session\/last_ticket_wins \(system→1\.1\.1w\)"/);
  assert.match(xml, /name="get_session\/last_ticket_wins\[tls12\] \(system→system\)"/);
  assert.match(xml, /file="\/repo\/scenarios\/get_session\/last_ticket_wins\.ts"/);
  assert.match(
    xml,
    /<testsuite name="system" tests="\d+" [^>]*time="\d+\.\d{3}" timestamp="2026-01-01T00:00:00"/,
  );
  assert.match(xml, /<skipped message="unsupported: "\/>/);
  assert.doesNotMatch(xml, /<properties>/);
  assert.ok(!xml.includes("\u0001"), "control characters are dropped");
});

Deno.test("formatJunitReport() validates against the JUnit schema in testdata/junit/", async () => {
  const ok = await validate(formatJunitReport(withExtras()));
  assert.equal(ok.code, 0, ok.stderr);
  // The schema is strict enough to fail: properties inside a testcase are rejected.
  const bad = await validate(
    `<testsuites><testsuite name="s" tests="1"><testcase name="t"><properties/></testcase>` +
      `</testsuite></testsuites>`,
  );
  assert.notEqual(bad.code, 0, "the schema accepted properties inside a testcase");
  assert.match(bad.stderr, /properties/);
});

Deno.test("formatJunitReport(): an unsupported result that holds only its reason has no system-out", async () => {
  const data = sampleReport();
  const unsupported = (scenario: string, extra: Partial<ScenarioResult> = {}) =>
    result(scenario, "unsupported" as ScenarioResult["status"], OLD, OLD, {
      expectations: [],
      message: 'Unsupported: client build "1.1.1w" lacks "api"',
      ...extra,
    });
  data.results.push(
    unsupported("get_session/a_api"),
    unsupported("get_session/b_api", { notes: ["ffi driver"], message: "Unsupported: op x" }),
  );
  data.summary.counts = countResults(data.results);
  const xml = formatJunitReport(data);
  const testcase = (name: string) =>
    xml.split("\n").find((l) => l.includes(`name="${name} (1.1.1w→1.1.1w)"`))!;
  assert.match(
    testcase("get_session/a_api"),
    /<skipped message="unsupported: Unsupported: client build &quot;1\.1\.1w&quot; lacks &quot;api&quot;"\/><\/testcase>$/,
  );
  // Notes (checks ran before the op was unsupported) keep their system-out.
  assert.match(testcase("get_session/b_api"), /<system-out>claims: GS-9\n?/);
  const ok = await validate(xml);
  assert.equal(ok.code, 0, ok.stderr);
});
