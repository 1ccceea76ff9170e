// The README's generated tables, from a small report cut out of a real five-implementation run.
import assert from "node:assert/strict";
import type { Deviation } from "../runner/mod.ts";
import { findingsTable, interopTable, readmeSections, versionLabel } from "./readme_tables.ts";
import { parseReport, type ReportData } from "./report_data.ts";

const FIXTURE = new URL("./testdata/readme_report.json", import.meta.url);

async function fixture(): Promise<ReportData> {
  return parseReport(await Deno.readTextFile(FIXTURE), { file: "readme_report.json" });
}

/** The entries that covered the fixture's cross-pair xfails, as the project file has them. */
function deviations(data: ReportData): Deviation[] {
  const reason = (scenario: string) =>
    data.results.find((r) => r.scenario === scenario && r.deviation)!.deviation!.reason;
  return [
    {
      scenario: "get_session/tcp_peer_tickets_api",
      client: "wolfssl:>=5.5",
      server: "openssl:*",
      reason: reason("get_session/tcp_peer_tickets_api"),
    },
    {
      scenario: "interop/cli_client_resumes_openssl_session_id",
      client: "boringssl:*",
      server: ">=3.0.0",
      reason: reason("interop/cli_client_resumes_openssl_session_id"),
    },
  ];
}

function rows(table: string): string[][] {
  return table.split("\n").slice(2).map((l) => l.slice(2, -2).split(" | "));
}

Deno.test("versionLabel() names a build by its version, and by its id when that is not it", () => {
  const b = (id: string, version: string, implementation?: string) => ({
    id,
    version,
    path: "",
    ...(implementation ? { implementation } : {}),
  });
  assert.equal(versionLabel(b("system", "OpenSSL 3.0.19 27 Jan 2026")), "3.0.19 (system)");
  assert.equal(versionLabel(b("1.1.1w", "OpenSSL 1.1.1w  11 Sep 2023")), "1.1.1w");
  assert.equal(versionLabel(b("gnutls-3.8.9", "gnutls-cli 3.8.9", "gnutls")), "3.8.9");
  assert.equal(versionLabel(b("rustls", "Deno 2.9.6 (rustls)", "rustls")), "2.9.6");
});

Deno.test("findingsTable(): a row per implementation and deviation, its versions, on the side that departs", async () => {
  const data = await fixture();
  const table = findingsTable(data, deviations(data));
  const got = rows(table).map((r) => [r[0], r[1], r[2], r[5]]);
  assert.deepEqual(got, [
    // The entry names OpenSSL ">=3.0.0" servers: their removal of the session is half the story.
    [
      "OpenSSL",
      "3.0.19 (system)",
      "`interop/cli_client_resumes_openssl_session_id`",
      "server of `boringssl-14.0.0`",
    ],
    // Two variants of one deviation on one build: one row.
    ["BoringSSL", "14.0.0", "`get_session/get0_invalid_after_free_api` [tls1.2, tls1.3]", "itself"],
    [
      "BoringSSL",
      "14.0.0",
      "`interop/cli_client_resumes_openssl_session_id`",
      "client of `system`",
    ],
    // "openssl:*" is the reference peer: only the wolfSSL client departs.
    ["wolfSSL", "5.7.2", "`get_session/tcp_peer_tickets_api`", "client of `system`"],
  ]);
  assert.match(table, /\| GS-4 \| BoringSSL's SSL_clear keeps/);
  // Another version with the same deviation on the same pairs shares the row.
  const b13 = { ...data.builds.find((b) => b.id === "boringssl-14.0.0")!, id: "boringssl-13.0.0" };
  b13.version = b13.version.replaceAll("14.0.0", "13.0.0");
  const same = data.results.filter((r) => r.scenario === "get_session/get0_invalid_after_free_api");
  const more = { ...data, builds: [b13, ...data.builds] };
  more.results = [...data.results, ...same.map((r) => ({ ...r, client: b13, server: b13 }))];
  assert.deepEqual(
    rows(findingsTable(more, deviations(data))).filter((r) => r[2].includes("get0_invalid"))
      .map((r) => r[1]),
    ["13.0.0, 14.0.0"],
  );
  // Without the entries both sides of a cross pair get the row.
  assert.equal(rows(findingsTable(data)).length, 5);
  // Passes, unsupported results and xfails alone make no finding.
  data.results = data.results.filter((r) => r.status !== "xfail");
  assert.equal(findingsTable(data), "No expected deviation was observed.");
});

Deno.test("interopTable(): a row per client × server build that ran an interop claim", async () => {
  const data = await fixture();
  const table = interopTable(data);
  const [head] = table.split("\n");
  assert.equal(head, "| client | server | DT-1 | IX-1 | IX-4 | IX-5 |");
  assert.deepEqual(rows(table), [
    ["OpenSSL 3.0.19 (system)", "OpenSSL 3.0.19 (system)", "1 ✓", "", "1 ✓", "1 ✓"],
    ["BoringSSL 14.0.0", "OpenSSL 3.0.19 (system)", "", "", "1 ✗ₓ", "1 ✗ₓ"],
    ["GnuTLS 3.8.13", "OpenSSL 3.0.19 (system)", "", "1 ✓", "1 ✓", "2 ✓"],
  ]);
  // The rustls → system pair was unsupported only: no row. A pair with an unsupported result
  // beside ones that ran shows ∅ for a claim only the unsupported one cites.
  assert.ok(!table.includes("Deno (rustls)"));
  const gnutls = data.results.find((r) =>
    r.client.id === "gnutls-3.8.13" && r.scenario.endsWith("_id")
  )!;
  data.results.push({ ...gnutls, claims: ["DT-3"], status: "unsupported", variant: "x" });
  assert.match(interopTable(data), /^\| GnuTLS 3\.8\.13 \| .* \| ∅ \| 1 ✓ \| 1 ✓ \| 2 ✓ \|$/m);
  data.results = data.results.filter((r) => !r.claims.some((c) => /^(IX|DT)-/.test(c)));
  assert.equal(interopTable(data), "No interop scenario ran.");
});

Deno.test("readmeSections() says which run each table comes from", async () => {
  const s = readmeSections(await fixture());
  for (const body of [s.findings, s.interop]) {
    assert.match(
      body,
      /^_Generated by `deno task harness report readme REPORT\.json --write README\.md` from a report of 10 results \(run started 2026-12-03T18:22:00\.223Z\) on OpenSSL 3\.0\.19 \(system\); BoringSSL 14\.0\.0; wolfSSL 5\.7\.2; GnuTLS 3\.8\.13; Deno \(rustls\) 2\.9\.6\._$/m,
    );
  }
});
