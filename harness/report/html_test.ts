import assert from "node:assert/strict";
import { liveChildCount } from "../process/mod.ts";
import { dumpDom, findChromium } from "../../testing/mod.ts";
import { escapeHtml, formatHtmlReport } from "./html.ts";
import { OLD, result, sampleReport, SYSTEM } from "../../testing/report/test_results.ts";
import type { ScenarioResult } from "../runner/mod.ts";
import { countResults } from "./report_data.ts";

Deno.test("formatHtmlReport() is self-contained: no resource is loaded from anywhere", () => {
  const page = formatHtmlReport(sampleReport());
  assert.ok(page.startsWith("<!doctype html>"));
  assert.doesNotMatch(page, /<(link|img|iframe|object|embed|source)\b/i);
  assert.doesNotMatch(page, /<script[^>]*\bsrc=/i);
  assert.doesNotMatch(page, /(src|href|action)\s*=\s*["']?\s*(https?:|\/\/|file:)/i);
  assert.doesNotMatch(page, /url\(|@import/i);
  // every link is an in-page anchor that exists
  for (const [, target] of page.matchAll(/href="#([^"]+)"/g)) {
    assert.ok(page.includes(`id="${target}"`), `anchor #${target} has no target`);
  }
});

Deno.test("formatHtmlReport() escapes what the results carry", () => {
  const page = formatHtmlReport(sampleReport());
  assert.ok(page.includes(escapeHtml('<resumed> & "reused"')));
  assert.ok(!page.includes('<resumed> & "reused"'));
});

Deno.test("formatHtmlReport() renders in headless chromium: matrix, grid, cells that open their result", async (t) => {
  // Not skipped when chromium is missing: the test fails and says what to install.
  await findChromium();
  const dir = await Deno.makeTempDir({ prefix: "tls-harness-html-" });
  try {
    const data = sampleReport();
    const file = `${dir}/report.html`;
    await Deno.writeTextFile(file, formatHtmlReport(data));
    const failing = data.results.findIndex((r) => r.status === "fail") + 1;
    const passing = data.results.findIndex((r) => r.status === "pass") + 1;

    await t.step("the DOM after scripts ran has every row, cell and grid", async () => {
      const dom = await dumpDom(`file://${file}`, { timeoutMs: 60_000 });
      assert.match(dom, /<body[^>]*data-ready="1"/, "the inline script ran");
      assert.match(dom, /<span class="verdict bad" id="verdict">FAILED<\/span>/);
      const matrix = dom.slice(
        dom.indexOf('id="matrix-table"'),
        dom.indexOf("</table>", dom.indexOf('id="matrix-table"')),
      );
      assert.equal([...matrix.matchAll(/<tr class="row/g)].length, 4, "one row per scenario");
      assert.equal([...matrix.matchAll(/<tr class="group"/g)].length, 3, "one group per man page");
      assert.match(
        matrix,
        /data-scenario="get_session\/unclean_shutdown">.*?<td class="cell s-error" data-status="error"><a href="#r-\d+"[^>]*>⚠<\/a><\/td><td class="cell s-xfail"/s,
      );
      const grid = dom.slice(
        dom.indexOf('id="pair-summary"'),
        dom.indexOf("</table>", dom.indexOf('id="pair-summary"')),
      );
      assert.equal(
        [...grid.matchAll(/<tbody>|<tr>/g)].length,
        1 + 1 + 2,
        "header row + one row per client build",
      );
      assert.match(grid, /<th title="OpenSSL 3\.0\.19">system<\/th><td class="cell s-error"/);
      // failures are open on the page; other results are closed until asked for
      assert.match(
        dom,
        new RegExp(`<details class="result st-fail bad" id="r-${failing}" open="">`),
      );
      assert.match(dom, new RegExp(`<details class="result st-pass" id="r-${passing}">`));
    });

    await t.step("opening a cell's link (#r-N) opens that result with its checks", async () => {
      const dom = await dumpDom(`file://${file}#r-${passing}`, { timeoutMs: 60_000 });
      assert.match(
        dom,
        new RegExp(`<details class="result st-pass targeted" id="r-${passing}" open="">`),
      );
      assert.match(dom, /the session file holds the last ticket/);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.equal(liveChildCount(), 0);
});

Deno.test("formatHtmlReport() groups expected deviations by scenario and reason, with their pairs", () => {
  const data = sampleReport();
  data.results.push(
    result("get_session/unclean_shutdown", "xfail", OLD, SYSTEM, {
      claims: ["GS-12"],
      deviation: { reason: "1.1.1 keeps the session" },
    }),
  );
  const page = formatHtmlReport(data);
  const section = page.slice(
    page.indexOf('<h2 id="deviations">'),
    page.indexOf('<h2 id="claims">'),
  );
  assert.match(section, /<h2 id="deviations">Expected deviations<\/h2>/);
  const rows = [
    ...section.matchAll(
      /<tr><td><code>([^<]*)<\/code><\/td><td>([^<]*)<\/td><td>(.*?)<\/td><\/tr>/g,
    ),
  ];
  assert.equal(rows.length, 1, "one row per scenario and reason");
  assert.equal(rows[0][1], "get_session/unclean_shutdown");
  assert.equal(rows[0][2], "1.1.1 keeps the session");
  assert.deepEqual([...rows[0][3].matchAll(/>([^<]+)<\/a>/g)].map((m) => m[1]), [
    "1.1.1w",
    "1.1.1w -&gt; system",
  ]);
  assert.match(page, /<a href="#deviations">Expected deviations \(2\)<\/a>/);
});

Deno.test('formatHtmlReport(): "only what did not pass" keeps every non-pass status in every section', () => {
  const data = sampleReport();
  data.results.push(
    result(
      "set_session/tls13_sess_in_resumes",
      "unsupported" as ScenarioResult["status"],
      OLD,
      OLD,
    ),
  );
  data.summary.counts = countResults(data.results);
  const page = formatHtmlReport(data);
  // The filter hides passes only: what it hides is marked so in the matrix, the per-scenario
  // grids, the claims table and the results; xfail, skip, error and unsupported stay.
  assert.match(
    page,
    /body\.only-bad table\.matrix tr\.row\.all-pass,\s*body\.only-bad details\.scenario-grid\.all-pass,\s*body\.only-bad table\.claims tr\.all-pass,\s*body\.only-bad details\.result\.st-pass \{ display: none; \}/,
  );
  assert.match(page, /<tr class="row all-pass" data-scenario="get_session\/last_ticket_wins">/);
  assert.match(
    page,
    /<tr class="row" data-scenario="get_session\/unclean_shutdown">/,
    "error, xfail and skip: shown",
  );
  assert.match(page, /<tr class="row" data-scenario="set_session\/tls13_sess_in_resumes">/);
  assert.match(page, /<details class="result st-xfail" id="r-\d+">/);
  assert.match(page, /<details class="result st-unsupported" id="(r|u)-\d+">/);
  assert.match(page, /<td class="cell s-unsupported" data-status="unsupported">/);
  assert.match(
    page,
    /\.s-unsupported \{ background: var\(--unsupported-bg\); color: var\(--unsupported\); \}/,
  );
  assert.match(page, /--unsupported:#6e7781/, "grey");
  assert.match(page, /<span class="pill s-unsupported">1 unsupported<\/span>/);
});

Deno.test("formatHtmlReport(): a clicked cell's result lands below the sticky bar, not under it", async () => {
  await findChromium();
  const dir = await Deno.makeTempDir({ prefix: "tls-harness-html-" });
  try {
    // A long page, so that the browser can scroll the target to the top.
    const data = sampleReport();
    for (let i = 0; i < 120; i++) {
      data.results.push(
        result(`get_session/filler_${String(i).padStart(3, "0")}`, "pass", SYSTEM, SYSTEM),
      );
    }
    data.summary.counts = countResults(data.results);
    const page = formatHtmlReport(data);
    const target = page.match(
      /id="(r-\d+)"[^>]*><summary><span class="badge s-pass">✓ pass<\/span><code>get_session\/filler_060/,
    )![1];
    await Deno.writeTextFile(`${dir}/report.html`, page);
    const dom = await dumpDom(`file://${dir}/report.html#${target}`, { timeoutMs: 60_000 });
    const top = Number(dom.match(/data-target-top="(-?\d+)"/)?.[1]);
    const bar = Number(dom.match(/data-bar-bottom="(\d+)"/)?.[1]);
    assert.ok(bar > 0, "the sticky bar was measured");
    assert.ok(top >= bar, `the result's top (${top}px) is under the bar (bottom ${bar}px)`);
    assert.ok(
      top < bar + 80,
      `the result scrolled to just below the bar (top ${top}px, bar ${bar}px)`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.equal(liveChildCount(), 0);
});

Deno.test("formatHtmlReport() shows a failure's repro.sh, and no repro text for a pass", () => {
  const page = formatHtmlReport(sampleReport());
  assert.match(
    page,
    /<h4>Reproduce<\/h4>.*<pre class="repro">#!\/usr\/bin\/env bash\n# Replays set_session/s,
  );
  assert.doesNotMatch(page, /-passing/);
});

Deno.test("formatHtmlReport() lists an unsupported reason once, its cells link to it", () => {
  const data = sampleReport();
  const unsupported = (scenario: string, client = OLD, extra: Partial<ScenarioResult> = {}) =>
    result(scenario, "unsupported" as ScenarioResult["status"], client, client, {
      expectations: [],
      message: `Unsupported: client build "${client.id}" lacks "api"`,
      ...extra,
    });
  data.results.push(
    unsupported("get_session/a_api"),
    unsupported("get_session/b_api"),
    unsupported("get_session/c_api", SYSTEM),
    // Checks ran before an FFI op was unsupported: it keeps its own block.
    unsupported("get_session/d_api", OLD, {
      notes: ["ffi driver for 1.1.1w"],
      message: "Unsupported: FFI op x",
    }),
  );
  data.summary.counts = countResults(data.results);
  const page = formatHtmlReport(data);
  const reasons = [...page.matchAll(
    /<details class="result st-unsupported" id="(u-\d+)"><summary>.*?<b>(\d+)<\/b> <span class="muted">— ([^<]*)<\/span>/g,
  )].map((m) => [m[1], m[2], m[3]]);
  assert.deepEqual(reasons, [
    ["u-1", "2", "Unsupported: client build &quot;1.1.1w&quot; lacks &quot;api&quot;"],
    ["u-2", "1", "Unsupported: client build &quot;system&quot; lacks &quot;api&quot;"],
  ]);
  assert.match(
    page,
    /<h4>Scenarios<\/h4><p><code>get_session\/a_api<\/code>, <code>get_session\/b_api<\/code><\/p>/,
  );
  assert.match(page, /<a href="#unsupported">Unsupported \(3\)<\/a>/);
  // Each such result's cells (matrix and scenario grid) link to its reason; no block per result.
  assert.equal([...page.matchAll(/<a href="#u-1" title="unsupported \(u-1\)">∅<\/a>/g)].length, 4);
  assert.doesNotMatch(page, /<code>get_session\/a_api<\/code> <b>\[/);
  assert.match(
    page,
    /<details class="result st-unsupported" id="r-\d+"><summary>.*?get_session\/d_api/,
  );
  for (const [, target] of page.matchAll(/href="#([^"]+)"/g)) {
    assert.ok(page.includes(`id="${target}"`), `anchor #${target} has no target`);
  }
});
