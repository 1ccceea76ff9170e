import assert from "node:assert/strict";
import { formatJsonReport } from "./json.ts";
import { parseReport, resultFromRecord, resultRecord } from "./report_data.ts";
import { sampleReport } from "../../testing/report/test_results.ts";

Deno.test("parseReport() reads back what the json reporter writes, result for result", () => {
  const data = sampleReport();
  data.summary.shard = { index: 2, count: 3 };
  const back = parseReport(formatJsonReport(data), { file: "r.json" });
  assert.deepEqual(back.results, data.results);
  assert.deepEqual(back.builds, data.builds);
  assert.deepEqual(back.summary, data.summary);
});

Deno.test("formatJsonReport() writes one line per result, whatever the result holds", () => {
  const data = sampleReport();
  // Shell quoting ($'…') in a repro script is text, not a replacement pattern.
  data.results[0].reproScript = "printf %s $'a\\nb' $& $` $1";
  const text = formatJsonReport(data);
  const lines = text.split("\n");
  assert.equal(lines.filter((l) => l.startsWith('    {"scenario":')).length, data.results.length);
  assert.equal(lines[0], "{");
  assert.equal(lines[1], '  "schema_version": 1,');
  assert.ok(text.endsWith("}\n"));
  assert.deepEqual(parseReport(text, { file: "r.json" }).results, data.results);
  assert.equal(formatJsonReport({ ...data, results: [] }).split("\n")[2], '  "results": [],');
});

Deno.test("parseReport() re-counts the summary instead of trusting it", () => {
  const doc = JSON.parse(formatJsonReport(sampleReport()));
  doc.summary.fail = 0;
  doc.summary.pass = 999;
  const back = parseReport(JSON.stringify(doc), { file: "r.json" });
  assert.equal(back.summary.counts.fail, 1);
  assert.equal(back.summary.counts.pass, 9);
});

Deno.test("parseReport() names the file and field of what is not a report", () => {
  assert.throws(
    () => parseReport("{", { file: "a.json" }),
    /^SyntaxError: a\.json: not valid JSON/,
  );
  assert.throws(
    () => parseReport('{"scenarios":[]}', { file: "b.json" }),
    /b\.json: the document: expected a JSON report/,
  );
  const doc = JSON.parse(formatJsonReport(sampleReport()));
  doc.results[3].status = "passed";
  assert.throws(
    () => parseReport(JSON.stringify(doc), { file: "c.json" }),
    /c\.json: results\[3\]\.status: expected one of pass, fail/,
  );
  delete doc.results[3].client;
  doc.results[3].status = "pass";
  assert.throws(
    () => parseReport(JSON.stringify(doc), { file: "c.json" }),
    /c\.json: results\[3\]\.client: expected an object/,
  );
});

Deno.test("resultFromRecord() accepts a minimal record (optional fields missing)", () => {
  const b = { id: "system", version: "v", path: "/p" };
  const r = resultFromRecord(
    { scenario: "x", status: "skip", client: b, server: b, duration_ms: 0 },
    { file: "f", where: "w" },
  );
  assert.deepEqual(resultRecord(r), {
    scenario: "x",
    claims: [],
    status: "skip",
    client: b,
    server: b,
    duration_ms: 0,
    file: "",
    tags: [],
    expectations: [],
    notes: [],
    repro: [],
    peers: [],
  });
});
