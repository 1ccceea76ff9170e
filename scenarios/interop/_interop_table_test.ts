import assert from "node:assert/strict";
import { type InteropReport, interopTable, RUN_COMMAND } from "./_interop_table.ts";

function result(
  scenario: string,
  id: string,
  version: string,
  notes: string[],
  status = "pass",
): InteropReport["results"][number] {
  const build = { id, version };
  return { scenario, status, client: build, server: build, notes };
}

const V3 = "OpenSSL 3.0.19 27 Jan 2026 (Library: OpenSSL 3.0.19 27 Jan 2026)";
const V1 = "OpenSSL 1.1.1w  11 Sep 2023";

const report: InteropReport = {
  results: [
    result("interop/deno_server_tickets_resume", "system", V3, [
      "measured tickets=2",
      'measured keyExchange="X25519, 253 bits"',
      "measured resumed=true",
      'measured resumedLine="TLSv1.3, TLS_AES_256_GCM_SHA384"',
      "measured handshakeBytesRead=[768,219]",
    ]),
    result("interop/deno_server_ticket_single_use", "system", V3, [
      "measured firstUse=true",
      "measured secondUse=false",
      "measured renewedResumes=true",
    ]),
    result("interop/deno_client_never_resumes", "system", V3, [
      'measured denoClientTls13=["New,","New,","New,"]',
      'measured denoClientEndTls13=["close_notify","close_notify","close_notify"]',
      "measured controlTls13=true",
      'measured denoClientTls12=["New,","Reused,","New,"]',
    ], "fail"),
    result("interop/deno_server_tickets_resume", "1.1.1w", V1, ["measured tickets=2"]),
    result("get_session/last_ticket_wins", "system", V3, ["measured tickets=9"]),
  ],
  summary: { started_at: "2026-01-01T00:00:00.000Z" },
};

Deno.test("interopTable() makes one row per build, oldest version first", () => {
  const md = interopTable(report);
  const rows = md.split("\n").filter((l) => l.startsWith("| 1.1.1w") || l.startsWith("| 3.0.19"));
  assert.equal(rows.length, 2);
  assert.ok(rows[0].startsWith("| 1.1.1w |"), rows[0]);
  assert.ok(rows[1].startsWith("| 3.0.19 (system) |"), rows[1]);
});

Deno.test("interopTable() shows the measured facts of each build", () => {
  const row = interopTable(report).split("\n").find((l) => l.startsWith("| 3.0.19"))!;
  const cells = row.split("|").slice(1, -1).map((c) => c.trim());
  assert.equal(cells[1], "2");
  assert.equal(cells[2], "yes (TLSv1.3, TLS_AES_256_GCM_SHA384)");
  assert.equal(cells[3], "X25519");
  assert.equal(cells[4], "768 / 219");
  assert.equal(cells[5], "refused (full handshake)");
  assert.equal(cells[6], "yes");
  assert.equal(cells[9], "no (3× New,)");
  assert.equal(cells[10], "**yes** (1 of 3 Reused,)");
  assert.equal(cells[11], "yes / ?");
  assert.equal(cells[12], "close_notify (all 3)");
  assert.equal(cells[13], "fail: deno_client_never_resumes");
});

Deno.test("interopTable() ignores other scenarios and names the commands that regenerate it", () => {
  const md = interopTable(report);
  assert.ok(!md.includes("| 9 |"));
  assert.ok(md.includes(RUN_COMMAND));
  assert.ok(md.includes("2026-01-01T00:00:00.000Z"));
});
