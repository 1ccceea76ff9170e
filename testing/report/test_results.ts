// Synthetic results for the reporters' tests: no OpenSSL needed, every status represented.
import type { BuildRef, ScenarioResult, Status } from "../../harness/runner/mod.ts";
import { countResults, type ReportData } from "../../harness/report/report_data.ts";

export const SYSTEM: BuildRef = {
  id: "system",
  version: "OpenSSL 3.0.19",
  path: "/usr/bin/openssl",
};
export const OLD: BuildRef = { id: "1.1.1w", version: "OpenSSL 1.1.1w", path: "/c/1.1.1/openssl" };

export function result(
  scenario: string,
  status: Status,
  client: BuildRef,
  server: BuildRef,
  extra: Partial<ScenarioResult> = {},
): ScenarioResult {
  return {
    scenario,
    file: `/repo/scenarios/${scenario}.ts`,
    claims: ["GS-9"],
    tags: [],
    status,
    client,
    server,
    durationMs: 12,
    expectations: [{
      claim: "GS-9",
      description: "the session file holds the last ticket",
      passed: status !== "fail",
      actual: status === "fail" ? '"first"' : '"last"',
      expected: '"last"',
    }],
    peers: [],
    repro: [],
    notes: [],
    ...extra,
  };
}

/** Two builds, every pair; one fail with peers and repro, one xfail, one error, one skip. */
export function sampleReport(): ReportData {
  const results: ScenarioResult[] = [];
  for (const c of [SYSTEM, OLD]) {
    for (const s of [SYSTEM, OLD]) {
      // A pass keeps its step commands (JSON) but has no script: reports show it none.
      results.push(result("get_session/last_ticket_wins", "pass", c, s, {
        repro: ["# s_server\nopenssl s_server -accept 127.0.0.1:0 -passing"],
      }));
      results.push(result("sanity/handshake", "pass", c, s, { claims: ["SN-5"] }));
    }
  }
  results.push(
    result("set_session/tls13_sess_in_resumes", "fail", SYSTEM, OLD, {
      claims: ["SS-1", "SS-4"],
      message: 'Expectation failed for SS-4: <resumed> & "reused": expected true, got false',
      failedExpectation: {
        claim: "SS-4",
        description: "the saved session resumes",
        passed: false,
        actual: "false",
        expected: "true",
      },
      repro: [
        "openssl s_server -accept 127.0.0.1:0 -tls1_3",
        "openssl s_client -connect 127.0.0.1:PORT",
      ],
      reproScript: "#!/usr/bin/env bash\n# Replays set_session/tls13_sess_in_resumes\n" +
        'stdbuf -oL -eL "${openssl1[@]}" s_server -accept 127.0.0.1:0 -tls1_3 &\n',
      peers: [{
        role: "s_client",
        command: "openssl s_client -connect 127.0.0.1:4433",
        exitCode: 0,
        stdout: "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384\n",
        stderr: "",
      }],
    }),
    result("set_session/tls13_sess_in_resumes", "pass", SYSTEM, SYSTEM, {
      claims: ["SS-1", "SS-4"],
    }),
    result("get_session/unclean_shutdown", "xfail", OLD, OLD, {
      claims: ["GS-12"],
      message: "Expected deviation: 1.1.1 keeps the session",
      deviation: { reason: "1.1.1 keeps the session", evidence: "Reused session-id" },
    }),
    result("get_session/unclean_shutdown", "error", SYSTEM, SYSTEM, {
      claims: ["GS-12"],
      message: "Scenario timed out after 1 s (--timeout 1)",
    }),
    result("get_session/unclean_shutdown", "skip", SYSTEM, OLD, {
      claims: ["GS-12"],
      message: "the sanity scenario failed on this build pair",
    }),
  );
  results.sort((a, b) =>
    a.scenario.localeCompare(b.scenario) || a.client.id.localeCompare(b.client.id) ||
    a.server.id.localeCompare(b.server.id)
  );
  return {
    results,
    builds: [SYSTEM, OLD],
    summary: {
      counts: countResults(results),
      durationMs: 1234,
      startedAt: "2026-01-01T00:00:00.000Z",
      interrupted: false,
      staleDeviations: [],
    },
  };
}
