import type { RunEvent, ScenarioResult } from "../runner/mod.ts";
import type { Reporter } from "./reporter.ts";

function xml(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "").replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!,
  );
}

function details(r: ScenarioResult): string {
  const parts = [r.message ?? ""];
  if (r.failedExpectation) {
    const f = r.failedExpectation;
    parts.push(
      `claim ${f.claim}: ${f.description}`,
      `expected: ${f.expected}`,
      `actual: ${f.actual}`,
    );
  }
  if (r.repro.length) parts.push("repro:", ...r.repro);
  for (const p of r.peers) {
    parts.push(`--- ${p.role} stdout:`, p.stdout, `--- ${p.role} stderr:`, p.stderr);
  }
  return parts.join("\n");
}

/** JUnit XML: one testsuite per client × server build pair, one testcase per scenario. */
export const junitReporter: Reporter = async function* (events: AsyncIterable<RunEvent>) {
  for await (const e of events) {
    if (e.type !== "run:end") continue;
    const suites = new Map<string, ScenarioResult[]>();
    for (const r of e.results) {
      const key = r.client.id === r.server.id ? r.client.id : `${r.client.id} -> ${r.server.id}`;
      suites.set(key, [...(suites.get(key) ?? []), r]);
    }
    let out = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tls-session-harness" ` +
      `tests="${e.results.length}" failures="${e.counts.fail + e.counts.xpass}" ` +
      `errors="${e.counts.error}" time="${(e.durationMs / 1000).toFixed(3)}">\n`;
    for (const [name, rs] of suites) {
      const count = (s: string[]) => rs.filter((r) => s.includes(r.status)).length;
      out += `  <testsuite name="${xml(name)}" tests="${rs.length}" failures="${
        count(["fail", "xpass"])
      }" errors="${count(["error"])}" skipped="${count(["skip", "xfail"])}">\n`;
      for (const r of rs) {
        out += `    <testcase classname="${xml(name)}" name="${xml(r.scenario)}" time="${
          (r.durationMs / 1000).toFixed(3)
        }">`;
        if (r.status === "fail" || r.status === "xpass") {
          out += `<failure message="${xml(r.message ?? "")}">${xml(details(r))}</failure>`;
        } else if (r.status === "error") {
          out += `<error message="${xml(r.message ?? "")}">${xml(details(r))}</error>`;
        } else if (r.status === "skip" || r.status === "xfail") {
          out += `<skipped message="${xml(`${r.status}: ${r.message ?? ""}`)}"/>`;
        }
        out += `<properties><property name="claims" value="${
          xml(r.claims.join(","))
        }"/></properties>`;
        out += `</testcase>\n`;
      }
      out += `  </testsuite>\n`;
    }
    yield out + `</testsuites>\n`;
  }
};
