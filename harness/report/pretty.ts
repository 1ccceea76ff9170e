import type { ScenarioResult, Status } from "../runner/mod.ts";
import { formatClaimsTable } from "./claims_table.ts";
import type { Reporter } from "./reporter.ts";
import { pairLabel } from "./report_data.ts";

const LABEL: Record<Status, string> = {
  pass: "PASS ",
  fail: "FAIL ",
  error: "ERROR",
  skip: "SKIP ",
  xfail: "XFAIL",
  xpass: "XPASS",
};
const COLOUR: Record<Status, number> = {
  pass: 32,
  fail: 31,
  error: 31,
  skip: 33,
  xfail: 36,
  xpass: 31,
};

function indent(text: string, by = "      "): string {
  return text.trimEnd().split("\n").map((l) => by + l).join("\n");
}

/** The full story of a result that did not pass: check, claim, output, repro commands. */
export function describeFailure(r: ScenarioResult): string {
  const out = [`${LABEL[r.status].trim()} ${r.scenario} [${pairLabel(r)}] (${r.file})`];
  if (r.message) out.push(indent(r.message, "  "));
  const f = r.failedExpectation;
  if (f) {
    out.push(
      `  claim ${f.claim}: ${f.description}`,
      `    expected: ${f.expected}`,
      `    actual:   ${f.actual}`,
    );
  }
  if (r.deviation?.evidence) out.push(`  evidence: ${r.deviation.evidence}`);
  for (const p of r.peers) {
    out.push(`  ${p.role} (exit ${p.exitCode ?? "signal/killed"}): ${p.command}`);
    if (p.stdout.trim()) out.push("    stdout:", indent(p.stdout));
    if (p.stderr.trim()) out.push("    stderr:", indent(p.stderr));
  }
  if (r.repro.length) {
    out.push("  reproduce by hand (servers print ACCEPT 127.0.0.1:<port>; use that port):");
    for (const c of r.repro) out.push(indent(c, "    "));
  }
  return out.join("\n");
}

/**
 * Human-readable output: live progress on a terminal, one plain line per result otherwise;
 * then the full story of every failure, the claims table and the summary line.
 */
export const prettyReporter: Reporter = async function* (events, { tty }) {
  const colour = (s: Status, text: string) =>
    tty && !Deno.env.get("NO_COLOR") ? `\x1b[${COLOUR[s]}m${text}\x1b[0m` : text;
  let total = 0;
  let done = 0;
  const running = new Set<string>();
  let progressShown = false;
  const clear = () => {
    if (!progressShown) return "";
    progressShown = false;
    return "\r\x1b[2K";
  };
  for await (const e of events) {
    switch (e.type) {
      case "run:start":
        total = e.total;
        yield `Running ${e.total} scenario run(s) on ${
          e.builds.map((b) => `${b.id} (${b.version})`).join(", ")
        } with ${e.jobs} job(s)\n`;
        break;
      case "scenario:start":
        running.add(e.scenario);
        if (tty) {
          progressShown = true;
          yield `${clear()}[${done}/${total}] running: ${[...running].join(", ")}`.slice(0, 200);
          progressShown = true;
        }
        break;
      case "scenario:end": {
        const r = e.result;
        done++;
        running.delete(r.scenario);
        const line =
          `${colour(r.status, LABEL[r.status])} ${r.scenario} [${
            pairLabel(r)
          }] ${r.durationMs} ms` +
          (r.status !== "pass" && r.message ? ` — ${r.message.split("\n")[0]}` : "");
        yield `${clear()}${line}\n`;
        if (tty && running.size) {
          progressShown = true;
          yield `[${done}/${total}] running: ${[...running].join(", ")}`.slice(0, 200);
        }
        break;
      }
      case "run:end": {
        yield clear();
        const bad = e.results.filter((r) => ["fail", "error", "xpass"].includes(r.status));
        if (bad.length) {
          yield `\nFailures:\n\n${bad.map(describeFailure).join("\n\n")}\n`;
        }
        const xfails = e.results.filter((r) => r.status === "xfail");
        if (xfails.length) {
          yield `\nExpected deviations (xfail):\n${
            xfails.map((r) => `  ${r.scenario} [${pairLabel(r)}]: ${r.deviation?.reason ?? ""}`)
              .join("\n")
          }\n`;
        }
        if (e.staleDeviations.length) {
          yield `\nStale expected deviations (cover a result of this run but no longer apply):\n${
            e.staleDeviations.map((d) => `  ${d}`).join("\n")
          }\n`;
        }
        yield `\nClaims:\n${formatClaimsTable(e.results, { citedOnly: true })}`;
        const c = e.counts;
        yield `\n${e.interrupted ? "Interrupted. " : ""}${c.pass} passed, ${c.fail} failed, ` +
          `${c.error} errored, ${c.skip} skipped, ${c.xfail} xfailed, ${c.xpass} xpassed ` +
          `(${(e.durationMs / 1000).toFixed(1)} s)\n`;
        break;
      }
    }
  }
};
