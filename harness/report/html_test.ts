import assert from "node:assert/strict";
import { liveChildCount } from "../process/mod.ts";
import { dumpDom, findChromium } from "../../testing/mod.ts";
import { escapeHtml, formatHtmlReport } from "./html.ts";
import { sampleReport } from "./_test_results.ts";

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
