// Matrix columns and grid rows grouped by implementation, in every reporter that has them.
import assert from "node:assert/strict";
import type { BuildRef, RunEvent, ScenarioResult } from "../runner/mod.ts";
import { implementationGroups, matrixColumns, pairGrid } from "./matrix.ts";
import { formatMarkdownReport } from "./markdown.ts";
import { formatHtmlReport } from "./html.ts";
import { prettyReporter } from "./pretty.ts";
import { countResults, type ReportData } from "./report_data.ts";
import { result } from "../../testing/report/test_results.ts";

const ref = (implementation: string, id: string): BuildRef =>
  ({ implementation, id, version: `${implementation} ${id}`, path: `/b/${id}` }) as BuildRef;
// Run order interleaves the implementations: the reports put each one's builds side by side.
const OSSL = ref("openssl", "3.5.9");
const BSSL = ref("boringssl", "boringssl-14.0.0");
const SYS = ref("openssl", "system");
const BUILDS = [OSSL, BSSL, SYS];

function report(): ReportData {
  const results: ScenarioResult[] = [];
  for (const c of BUILDS) {
    for (const s of BUILDS) {
      const unsupported = c.id === "boringssl-14.0.0" || s.id === "boringssl-14.0.0";
      results.push(
        result("get_session/last_ticket_wins", unsupported ? "skip" : "pass", c, s, {
          ...(unsupported ? { status: "unsupported" as ScenarioResult["status"] } : {}),
        }),
      );
    }
  }
  return {
    results,
    builds: BUILDS,
    summary: {
      counts: countResults(results),
      durationMs: 1,
      startedAt: "",
      interrupted: false,
      staleDeviations: [],
    },
  };
}

Deno.test("implementationGroups() and the column orders keep each implementation together", () => {
  assert.deepEqual(
    implementationGroups(BUILDS).map((g) => [g.implementation, g.builds.map((b) => b.id)]),
    [["openssl", ["3.5.9", "system"]], ["boringssl", ["boringssl-14.0.0"]]],
  );
  // A build of an older report says no implementation: it is OpenSSL.
  assert.equal(
    implementationGroups([{ id: "x", version: "", path: "" }])[0].implementation,
    "openssl",
  );
  const r = report();
  assert.deepEqual(matrixColumns(r.results, r.builds).map((b) => b.id), [
    "3.5.9",
    "system",
    "boringssl-14.0.0",
  ]);
  const grid = pairGrid(r.results, r.builds);
  assert.deepEqual(grid.servers.map((b) => b.id), ["3.5.9", "system", "boringssl-14.0.0"]);
  assert.deepEqual(grid.clients.map((b) => b.id), ["3.5.9", "system", "boringssl-14.0.0"]);
});

Deno.test("Markdown names the implementations over the columns; unsupported is ∅", () => {
  const md = formatMarkdownReport(report());
  assert.match(
    md,
    /^Columns by implementation: \*\*openssl\*\* `3\.5\.9`, `system` · \*\*boringssl\*\* `boringssl-14\.0\.0`\.$/m,
  );
  assert.match(
    md,
    /^\| scenario \| claims \| `3\.5\.9` \| `system` \| `boringssl-14\.0\.0` \| cross pairs \|$/m,
  );
  assert.match(md, /^\| `get_session\/last_ticket_wins` \| GS-9 \| ✓ \| ✓ \| ∅ \| 4 ∅ 2 ✓ \|$/m);
});

Deno.test("HTML spans each implementation over its columns, in the matrix and the grids", () => {
  const page = formatHtmlReport(report());
  assert.ok(
    page.includes(
      '<tr class="impl"><th></th><th></th><th colspan="2">openssl</th><th colspan="1">boringssl</th><th></th></tr>',
    ),
  );
  assert.ok(
    page.includes(
      '<tr class="impl"><th></th><th colspan="2">openssl</th><th colspan="1">boringssl</th></tr>',
    ),
  );
  // The builds table says each build's implementation.
  assert.ok(
    page.includes(
      "<tr><td>boringssl</td><td><b>boringssl-14.0.0</b></td><td>boringssl boringssl-14.0.0</td>",
    ),
  );
  // One implementation only: no such row.
  const one = report();
  one.results = one.results.filter((r) => r.client.id !== BSSL.id && r.server.id !== BSSL.id);
  one.builds = [OSSL, SYS];
  assert.ok(!formatHtmlReport(one).includes('<tr class="impl">'));
});

Deno.test("pretty groups the run's builds by implementation", async () => {
  async function* events(): AsyncGenerator<RunEvent> {
    yield { type: "run:start", total: 0, jobs: 1, builds: BUILDS, startedAt: "" };
    yield {
      type: "run:end",
      results: [],
      counts: { pass: 0, fail: 0, error: 0, skip: 0, xfail: 0, xpass: 0 },
      durationMs: 0,
      staleDeviations: [],
      interrupted: false,
    };
  }
  let out = "";
  for await (const chunk of prettyReporter(events(), { tty: false })) out += chunk;
  assert.match(
    out,
    /^Running 0 scenario run\(s\) on openssl: 3\.5\.9 \(openssl 3\.5\.9\), system \(openssl system\); boringssl: boringssl-14\.0\.0 \(boringssl boringssl-14\.0\.0\) with 1 job\(s\)$/m,
  );
});
