/**
 * Dev tool (issue 10 item 4, until `run --build boringssl:all` exists): run the API scenarios
 * on every fetched BoringSSL and wolfSSL build through the runner, and print per scenario ×
 * fork the status, the claims whose checks held, and the first failed check with its observed
 * value. Each fork is the client build; the server build is the system OpenSSL (only
 * `tcp_peer_tickets_api` uses it: an `s_server` for the fork's TCP client), which also makes
 * the run's PKI. Expected deviations apply (`--raw`: not, to see the behaviour itself).
 *
 * ```sh
 * deno run -A testing/impl/fork_api_run.ts [--json] [--raw] [--only boringssl-14.0.0] [scenario paths…]
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import { loadScenarios } from "../../harness/scenario/mod.ts";
import { readDeviations, runScenarios } from "../../harness/runner/mod.ts";
import { type OpensslBuild, systemBuild } from "../../harness/openssl/build.ts";
import type { ScenarioResult } from "../../harness/runner/events.ts";
import { FORK_API_BUILDS } from "./fork_api_builds.ts";

const { values, positionals } = parseArgs({
  args: Deno.args,
  options: {
    json: { type: "boolean" },
    raw: { type: "boolean" },
    only: { type: "string", multiple: true },
  },
  allowPositionals: true,
});
const paths = positionals.length > 0
  ? positionals
  : ["scenarios/get_session", "scenarios/session_new", "scenarios/set_session"];
const { scenarios } = await loadScenarios(paths);
const api = scenarios.filter((s) => s.tags.includes("api"));
const system = await systemBuild();
const forks = FORK_API_BUILDS.filter((b) => !values.only || values.only.includes(b.id))
  // The fork's clients never run `openssl`: borrow the system's launch only for the PKI.
  .map((b) => ({ ...b, launch: system.launch }));
const forkIds = new Set(forks.map((b) => b.id));

const results: ScenarioResult[] = [];
for await (
  const ev of runScenarios({
    scenarios: api,
    // The runner takes OpenSSL builds only so far; the API scenarios use only a build's
    // id, version, launch (the PKI) and ffi block, which every fork has.
    builds: [system, ...forks as unknown as OpensslBuild[]],
    pairs: "all",
    jobs: 2,
    timeoutSeconds: 60,
    sanityGate: false,
    deviations: values.raw ? [] : await readDeviations(),
  })
) {
  if (ev.type !== "scenario:end") continue;
  const r = ev.result;
  if (!forkIds.has(r.client.id)) continue;
  if (r.server.id !== r.client.id && r.server.id !== system.id) continue;
  if (r.server.id === r.client.id && api.find((s) => s.name === r.scenario)?.crossBuild) continue;
  results.push(r);
}
results.sort((a, b) =>
  a.scenario.localeCompare(b.scenario) || a.client.id.localeCompare(b.client.id)
);
if (values.json) {
  // deno-lint-ignore no-console
  console.log(JSON.stringify(
    results.map((r) => ({
      scenario: r.scenario,
      variant: r.variant ?? null,
      build: r.client.id,
      status: r.status,
      held: [...new Set(r.expectations.filter((e) => e.passed).map((e) => e.claim))],
      failed: r.failedExpectation ?? null,
      message: r.message ?? null,
    })),
    null,
    1,
  ));
} else {
  for (const r of results) {
    // An FfiError of kind "unsupported" (a symbol or frees the build lacks) is not a verdict.
    const unsup = r.status === "error" && /is unsupported on build/.test(r.message ?? "");
    const held = [...new Set(r.expectations.filter((e) => e.passed).map((e) => e.claim))];
    const f = r.failedExpectation;
    // deno-lint-ignore no-console
    console.log(
      `${(unsup ? "unsup" : r.status).toUpperCase().padEnd(5)} ${r.scenario}${
        r.variant ? `[${r.variant}]` : ""
      } [${r.client.id}] held: ${held.join(",") || "-"}` +
        (f
          ? ` | FAILED ${f.claim}: ${f.description}: actual ${f.actual}, expected ${f.expected}`
          : "") +
        (!f && r.message ? ` | ${r.message.slice(0, 300)}` : ""),
    );
  }
}
