import assert from "node:assert/strict";
import { formatJsonReport, jsonReportChunks } from "./json.ts";
import { reportDocument } from "./report_data.ts";
import { sampleReport } from "../../testing/report/test_results.ts";

/** The layout as one string: the document indented, each result on one line. */
function whole(data: ReturnType<typeof sampleReport>): string {
  const doc = reportDocument(data);
  const results = (doc.results as unknown[]).map((r) => `    ${JSON.stringify(r)}`);
  return JSON.stringify({ ...doc, results: [] }, null, 2).replace(
    '"results": []',
    () => results.length ? `"results": [\n${results.join(",\n")}\n  ]` : '"results": []',
  ) + "\n";
}

Deno.test("the JSON report written in chunks is the same text as the document built whole", () => {
  const one = sampleReport();
  // Enough results for several chunks, with a last one that is not full.
  const many = {
    ...one,
    results: Array.from({ length: 600 }, (_, i) => one.results[i % one.results.length]),
  };
  for (const data of [one, many, { ...one, results: [] }]) {
    const chunks = [...jsonReportChunks(data)];
    assert.equal(chunks.join(""), whole(data));
    assert.equal(formatJsonReport(data), whole(data));
    JSON.parse(chunks.join(""));
    if (data.results.length > 256) assert.ok(chunks.length >= 5, `${chunks.length} chunks`);
  }
});
