import assert from "node:assert/strict";
import type { DriftCell, DriftTable } from "../docs/mod.ts";
import type { ScenarioResult } from "../runner/mod.ts";
import { claimRows, docsSummary, formatClaimsTable, runDocs } from "./claims_table.ts";
import { CLAIMS } from "../claims/mod.ts";

function result(claims: string[], status: ScenarioResult["status"], build: string): ScenarioResult {
  const ref = { id: build, version: `OpenSSL ${build}`, path: `/c/builds/x/root/usr/bin/openssl` };
  return {
    scenario: `s/${claims[0]}`,
    file: "/s.ts",
    claims,
    tags: [],
    status,
    client: ref,
    server: ref,
    durationMs: 1,
    expectations: [],
    peers: [],
    repro: [],
    notes: [],
  };
}

const cells = (entries: [string, DriftCell][]) => new Map<string, DriftCell>(entries);

Deno.test("claimRows() carries each build's doc status and the behaviour/doc disagreements", () => {
  const drift: DriftTable = new Map([
    ["FL-1", cells([["3.0.20", { status: "present" }], ["3.5.9", { status: "changed" }]])],
  ]);
  const rows = claimRows([result(["FL-1"], "fail", "3.0.20"), result(["FL-1"], "pass", "3.5.9")], {
    drift,
  });
  const fl1 = rows.find((r) => r.id === "FL-1")!;
  assert.deepEqual(fl1.docs, { "3.0.20": "present", "3.5.9": "changed" });
  assert.deepEqual(fl1.mismatches?.map((m) => `${m.build} ${m.kind}`), ["3.0.20 fails-documented"]);
  assert.equal(docsSummary(fl1), "3.5.9 changed; FAILS on 3.0.20 where its page says it");
  // Without drift the rows are what they were.
  assert.equal(claimRows([]).find((r) => r.id === "FL-1")!.docs, undefined);
  assert.equal(claimRows([]).length, CLAIMS.length);
});

Deno.test("formatClaimsTable() with citedOnly lists the run's claims and counts the rest", () => {
  const text = formatClaimsTable([result(["GS-9"], "pass", "3.0.20")], { citedOnly: true });
  const lines = text.trimEnd().split("\n");
  assert.match(lines[0], /^claim +status +scenarios$/);
  assert.match(lines[1], /^GS-9 +PASS \(1 pass\) +s\/GS-9$/);
  assert.equal(lines.length, 3);
  assert.match(lines[2], new RegExp(`^\\(${CLAIMS.length - 1} more claims .*claims --docs`));
});

Deno.test("formatClaimsTable() adds a docs column when drift is given", () => {
  const drift: DriftTable = new Map([["GS-9", cells([["3.0.20", { status: "present" }]])]]);
  const text = formatClaimsTable([result(["GS-9"], "pass", "3.0.20")], { drift, citedOnly: true });
  assert.match(text, /^claim +status +docs +scenarios$/m);
  assert.match(text, /^GS-9 +PASS \(1 pass\) +present \(all\) +s\/GS-9$/m);
});

Deno.test("runDocs() skips builds that are not fetched or have no pages", async () => {
  const none = await runDocs([
    { id: "system", version: "", path: "/usr/bin/openssl" },
    { id: "3.0.20", version: "", path: "/nonexistent/builds/3.0/root/usr/bin/openssl" },
  ]);
  assert.deepEqual(none, []);
});

Deno.test("formatClaimsTable() with sentences shows each claim's page and sentence under it", () => {
  const text = formatClaimsTable([result(["GS-9"], "pass", "3.0.20")], { sentences: true });
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.startsWith("GS-9 "));
  assert.match(lines[at + 1], /^ {6}SSL_get_session\(3\): ".+"$/);
  assert.ok(
    lines.every((l, i) => i === 0 || !l || /^(\S+ |\s{6}.*: ")/.test(l) || /^ {6}"/.test(l)),
  );
  // The run's own table stays one line per claim.
  assert.doesNotMatch(
    formatClaimsTable([result(["GS-9"], "pass", "3.0.20")]),
    /SSL_get_session\(3\): "/,
  );
});
