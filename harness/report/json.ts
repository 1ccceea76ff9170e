import type { RunEvent, ScenarioResult } from "../runner/events.ts";
import type { Reporter } from "./reporter.ts";

/** The JSON contract's record of one result (snake_case, stable field names). */
export function resultRecord(r: ScenarioResult): Record<string, unknown> {
  return {
    scenario: r.scenario,
    claims: r.claims,
    status: r.status,
    client: { id: r.client.id, version: r.client.version, path: r.client.path },
    server: { id: r.server.id, version: r.server.version, path: r.server.path },
    duration_ms: r.durationMs,
    ...(r.message !== undefined ? { message: r.message } : {}),
    file: r.file,
    tags: r.tags,
    expectations: r.expectations,
    ...(r.failedExpectation ? { failed_expectation: r.failedExpectation } : {}),
    ...(r.deviation ? { deviation: r.deviation } : {}),
    notes: r.notes,
    repro: r.repro,
    peers: r.peers.map((p) => ({
      role: p.role,
      command: p.command,
      exit_code: p.exitCode,
      stdout: p.stdout,
      stderr: p.stderr,
    })),
  };
}

/**
 * One JSON document at the end of the run:
 * `{ "results": [ { "scenario", "claims", "status", "client": { "version", "path" },
 * "server": { … }, "duration_ms", "message"? , … } ], "summary": { … } }`.
 */
export const jsonReporter: Reporter = async function* (events: AsyncIterable<RunEvent>) {
  let startedAt = "";
  for await (const e of events) {
    if (e.type === "run:start") startedAt = e.startedAt;
    if (e.type !== "run:end") continue;
    yield JSON.stringify(
      {
        results: e.results.map(resultRecord),
        summary: {
          ...e.counts,
          total: e.results.length,
          duration_ms: e.durationMs,
          started_at: startedAt,
          interrupted: e.interrupted,
          stale_deviations: e.staleDeviations,
        },
      },
      null,
      2,
    ) + "\n";
  }
};
