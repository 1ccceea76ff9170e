import assert from "node:assert/strict";
import { CLAIMS } from "../claims/mod.ts";
import { makePrivateTempDir } from "../temp_dir/mod.ts";
import {
  claimDrift,
  docBehaviourMismatches,
  type DocsBuild,
  type DriftCell,
  type DriftTable,
} from "./drift.ts";
import { driftJson, formatDriftTable } from "./drift_report.ts";
import { openDocs, readManDir, writeDocs } from "./man_pages.ts";

const MAN = new URL("../../testdata/man/", import.meta.url).pathname;
const VERSIONS = ["1.1.1w", "3.0.20", "3.5.9", "4.0.3"];

/** The fixture pages of each version as docs folders, the way a fetch keeps them. */
async function fixtureDocs(dir: string): Promise<DocsBuild[]> {
  const out: DocsBuild[] = [];
  for (const v of VERSIONS) {
    const set = await readManDir(`${MAN}${v}`);
    await writeDocs(`${dir}/${v}`, set, { package: "libssl-doc", version: v });
    out.push({ id: v, docs: (await openDocs(`${dir}/${v}`))! });
  }
  return out;
}

const ON_FIXTURE_PAGES = CLAIMS.filter((c) =>
  ["SSL_CTX_set_timeout(3)", "SSL_CTX_set_session_id_context(3)", "SSL_CTX_flush_sessions(3)"]
    .includes(c.page ?? "")
);

Deno.test("claimDrift() finds the real rewordings and removals between versions' pages", async () => {
  await using dir = await makePrivateTempDir();
  const drift = await claimDrift(CLAIMS, await fixtureDocs(dir.path));
  const cell = (id: string, v: string) => drift.get(id)!.get(v)!;
  // Every claim quoted from these pages is in 3.0.20's page: the catalogue quotes 3.0.
  for (const c of ON_FIXTURE_PAGES) assert.equal(cell(c.id, "3.0.20").status, "present", c.id);
  // 3.4 renamed the flush function in the sentence.
  assert.equal(cell("FL-1", "1.1.1w").status, "present");
  assert.equal(cell("FL-1", "3.5.9").status, "changed");
  assert.match(cell("FL-1", "3.5.9").closest!.text, /^SSL_CTX_flush_sessions_ex\(\) causes a run/);
  // 3.5's page no longer says clients check the context, and says what happens instead.
  assert.equal(cell("IC-8", "3.5.9").status, "absent");
  assert.equal(cell("IC-11", "4.0.3").status, "absent");
  // 1.1.1's page has no SSL_new_session_ticket() yet.
  assert.equal(cell("NT-9", "1.1.1w").status, "absent");
  // Pages missing from the fixtures are "no page"; claims from no page are "no page" everywhere.
  assert.equal(cell("AS-1", "3.0.20").status, "no page");
  assert.equal(cell("DT-1", "3.0.20").unsourced, true);
  assert.equal(cell("TO-9", "4.0.3").status, "present");
});

Deno.test("formatDriftTable() and driftJson() show a cell per claim × build and the page's words", async () => {
  await using dir = await makePrivateTempDir();
  const drift = await claimDrift(ON_FIXTURE_PAGES, await fixtureDocs(dir.path));
  const text = formatDriftTable(ON_FIXTURE_PAGES, drift, VERSIONS);
  assert.match(text, /^claim +page +1\.1\.1w +3\.0\.20 +3\.5\.9 +4\.0\.3$/m);
  assert.match(text, /^FL-1 +SSL_CTX_flush_sessions\(3\) +present +present +CHANGED +CHANGED$/m);
  assert.match(text, /FL-1 on 3\.5\.9: reworded \(SSL_CTX_flush_sessions, DESCRIPTION\)/);
  const json = driftJson(ON_FIXTURE_PAGES, drift, VERSIONS, []);
  const fl1 = json.claims.find((c) => c.id === "FL-1")!;
  assert.deepEqual(fl1.docs, {
    "1.1.1w": "present",
    "3.0.20": "present",
    "3.5.9": "changed",
    "4.0.3": "changed",
  });
  assert.match(fl1.pageSays["3.5.9"].text, /flush_sessions_ex/);
  for (const c of json.claims) assert.deepEqual(Object.keys(c.docs), VERSIONS);
});

Deno.test("docBehaviourMismatches() reports behaviour that disagrees with the version's page", () => {
  const cells = (entries: [string, DriftCell][]) => new Map<string, DriftCell>(entries);
  const drift: DriftTable = new Map([
    ["NT-8", cells([["1.1.1w", { status: "absent" }], ["3.0.20", { status: "present" }]])],
    ["DT-1", cells([["1.1.1w", { status: "no page", unsourced: true }]])],
  ]);
  const r = (claim: string, build: string, status: string, server = build) => ({
    scenario: `s-${claim}`,
    claims: [claim],
    status,
    client: { id: build },
    server: { id: server },
  });
  const found = docBehaviourMismatches([
    r("NT-8", "1.1.1w", "pass"),
    r("NT-8", "3.0.20", "xfail"),
    r("NT-8", "3.0.20", "pass"),
    r("NT-8", "1.1.1w", "fail", "3.0.20"), // a cross pair blames no single page
    r("DT-1", "1.1.1w", "pass"), // not from a man page: nothing to disagree with
  ], drift);
  assert.deepEqual(found.map((m) => [m.claim, m.build, m.kind]), [
    ["NT-8", "1.1.1w", "holds-undocumented"],
    ["NT-8", "3.0.20", "fails-documented"],
  ]);
});
