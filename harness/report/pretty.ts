import type { BuildRef, ScenarioResult } from "../runner/mod.ts";
import { claimRows } from "./claims_table.ts";
import { normaliseObserved } from "./diff.ts";
import { countOf, pairLabel, type ReportStatus, scenarioLabel } from "./report_data.ts";
import type { Reporter } from "./reporter.ts";
import { implementationGroups, onlyItsReason } from "./matrix.ts";

const LABEL: Record<ReportStatus, string> = {
  pass: "PASS ",
  fail: "FAIL ",
  error: "ERROR",
  skip: "SKIP ",
  xfail: "XFAIL",
  xpass: "XPASS",
  unsupported: "UNSUP",
};
// FAIL red, ERROR bold magenta, XPASS bold red: a failed check and a scenario that could not
// run must look different at a glance.
const COLOUR: Record<ReportStatus, string> = {
  pass: "32",
  fail: "31",
  error: "1;35",
  skip: "33",
  xfail: "36",
  xpass: "1;31",
  unsupported: "90",
};

/** How many lines of each peer's output a failure shows (the full text is in JSON and HTML). */
const PEER_LINES = 8;

function indent(text: string, by = "      "): string {
  return text.trimEnd().split("\n").map((l) => by + l).join("\n");
}

/**
 * A peer's output for a terminal: PEM blocks and hex dumps become one line saying what was
 * there, then only the last lines are kept.
 */
export function terminalTail(text: string, lines = PEER_LINES): string {
  const out: string[] = [];
  let pem = 0;
  let hex = 0;
  const flushHex = () => {
    if (hex) out.push(`[hex dump, ${hex} line(s)]`);
    hex = 0;
  };
  for (const line of text.trimEnd().split("\n")) {
    if (pem) {
      pem++;
      if (/^-----END [A-Z0-9 ]+-----/.test(line.trim())) {
        out.push(`[PEM block, ${pem} line(s)]`);
        pem = 0;
      }
      continue;
    }
    if (/^-----BEGIN [A-Z0-9 ]+-----/.test(line.trim())) {
      flushHex();
      pem = 1;
      continue;
    }
    if (/^\s*[0-9a-f]{4} - (?:[0-9a-f]{2}[ -]){2,}/.test(line)) {
      hex++;
      continue;
    }
    flushHex();
    out.push(line.length > 200 ? `${line.slice(0, 199)}…` : line);
  }
  flushHex();
  if (pem) out.push(`[PEM block, ${pem} line(s), unterminated]`);
  const kept = out.slice(-lines);
  return (out.length > lines ? [`… ${out.length - lines} earlier line(s)`] : []).concat(kept)
    .join("\n");
}

function clip(text: string, max = 300): string {
  const one = text.replace(/\s*\n\s*/g, " ");
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/**
 * The story of a result that did not pass, for a terminal: the failed check with its expected
 * and actual values, the message, and the last lines of each peer's output. `pairs` lists every
 * pair that failed the same way (default: the result's own).
 */
export function describeFailure(
  r: ScenarioResult,
  pairs: readonly string[] = [pairLabel(r)],
): string {
  const out = [
    `${LABEL[r.status].trim()} ${scenarioLabel(r)} [${pairs.join(", ")}] (${r.file})`,
  ];
  const f = r.failedExpectation;
  if (f) {
    out.push(
      `  failed check: claim ${f.claim}: ${f.description}`,
      `    expected: ${clip(f.expected)}`,
      `    actual:   ${clip(f.actual)}`,
    );
  } else if (r.message) {
    out.push(indent(terminalTail(r.message, 12), "  "));
  }
  if (r.deviation?.evidence) out.push(`  evidence: ${clip(r.deviation.evidence)}`);
  for (const p of r.peers) {
    out.push(`  ${p.role} (exit ${p.exitCode ?? "signal/killed"}): ${clip(p.command, 200)}`);
    if (p.stdout.trim()) out.push("    stdout (last lines):", indent(terminalTail(p.stdout)));
    if (p.stderr.trim()) out.push("    stderr (last lines):", indent(terminalTail(p.stderr)));
  }
  if (r.reproScript) {
    const kept = r.notes.find((n) => n.startsWith("artifacts kept in "))?.slice(18);
    // No command lines here: they would name the run's deleted PKI files and a dead port.
    out.push(
      kept
        ? `  reproduce: bash ${kept}/repro.sh`
        : "  reproduce: the result's repro.sh, in --reporter json (repro_script) and --html FILE, " +
          "or written beside its files with --keep-artifacts DIR",
    );
  }
  if (pairs.length > 1) {
    out.push(`  (the same failure on ${pairs.length} pairs; output above is ${pairLabel(r)}'s)`);
  }
  out.push("  full output and every check: --reporter json or --html FILE");
  return out.join("\n");
}

/** Failures that say the same thing (scenario, status, check, message) on several pairs. */
function sameFailures(results: readonly ScenarioResult[]): ScenarioResult[][] {
  const groups = new Map<string, ScenarioResult[]>();
  // Each distinct text is normalised once: the masks are regexes over the whole text, and an
  // interrupted run's tens of thousands of "not run" results repeat a few texts (3 s before).
  const normalised = new Map<string, string>();
  const normalise = (text: string) => {
    let n = normalised.get(text);
    if (n === undefined) normalised.set(text, n = normaliseObserved(text));
    return n;
  };
  for (const r of results) {
    const f = r.failedExpectation;
    const key = [
      scenarioLabel(r),
      r.status,
      f ? `${f.claim}\0${f.description}\0${f.expected}\0${f.actual}` : "",
      (r.message ?? "").split("\n")[0],
    ].map(normalise).join("\0");
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()];
}

/** The claims table of the claims this run's scenarios cite, as aligned plain text. */
function runClaimsTable(results: readonly ScenarioResult[]): string {
  const rows = claimRows(results).filter((r) => r.scenarios.length > 0);
  if (!rows.length) return "(no claim cited by this run)\n";
  const lines = rows.map((r) => {
    const counts = Object.entries(r.counts).map(([s, n]) => `${n} ${s}`).join(", ");
    return [r.id, `${String(r.verdict).toUpperCase()} (${counts})`, r.scenarios.join(", ")];
  });
  const w0 = Math.max(5, ...lines.map((l) => l[0].length));
  const w1 = Math.max(6, ...lines.map((l) => l[1].length));
  return [`${"claim".padEnd(w0)}  ${"status".padEnd(w1)}  scenarios`]
    .concat(lines.map((l) => `${l[0].padEnd(w0)}  ${l[1].padEnd(w1)}  ${l[2]}`)).join("\n") + "\n";
}

const BAD: readonly string[] = ["fail", "error", "xpass"];

/**
 * Human-readable output: live progress on a terminal, one plain line per result otherwise;
 * then each failure once (with every pair it happened on), the claims of the run, a short list
 * of everything that did not pass and the summary line, coloured on a terminal.
 */
export const prettyReporter: Reporter = async function* (events, { tty }) {
  const paint = (s: ReportStatus, text: string) =>
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
          buildsText(e.builds)
        } with ${e.jobs} job(s)\n`;
        break;
      case "scenario:start":
        running.add(e.variant ? `${e.scenario}[${e.variant}]` : e.scenario);
        if (tty) {
          progressShown = true;
          yield `${clear()}[${done}/${total}] running: ${[...running].join(", ")}`.slice(0, 200);
          progressShown = true;
        }
        break;
      case "scenario:end": {
        const r = e.result;
        done++;
        running.delete(scenarioLabel(r));
        const line =
          `${paint(r.status, LABEL[r.status])} ${scenarioLabel(r)} [${
            pairLabel(r)
          }] ${r.durationMs} ms` +
          (r.status !== "pass" && r.message ? ` — ${clip(r.message.split("\n")[0], 160)}` : "");
        yield `${clear()}${line}\n`;
        if (tty && running.size) {
          progressShown = true;
          yield `[${done}/${total}] running: ${[...running].join(", ")}`.slice(0, 200);
        }
        break;
      }
      case "run:end": {
        yield clear();
        const bad = e.results.filter((r) => BAD.includes(r.status));
        if (bad.length) {
          const stories = sameFailures(bad).map((rs) => describeFailure(rs[0], rs.map(pairLabel)));
          yield `\nFailures:\n\n${stories.join("\n\n")}\n`;
        }
        if (e.staleDeviations.length) {
          yield `\nStale expected deviations (cover a result of this run but no longer apply):\n${
            e.staleDeviations.map((d) => `  ${d}`).join("\n")
          }\n`;
        }
        yield `\nClaims of this run:\n${runClaimsTable(e.results)}`;
        const notPassed = e.results.filter((r) => r.status !== "pass");
        if (notPassed.length) {
          const worstFirst = ["error", "fail", "xpass", "xfail", "unsupported", "skip"];
          const lines: { status: ReportStatus; text: string }[] = sameFailures(
            notPassed.filter((r) => !onlyItsReason(r)),
          ).map((rs) => {
            const r = rs[0];
            const why = r.status === "xfail" ? r.deviation?.reason : r.message?.split("\n")[0];
            return {
              status: r.status,
              text: `  ${paint(r.status, LABEL[r.status])} ${scenarioLabel(r)} [${
                rs.map(pairLabel).join(", ")
              }]${why ? ` — ${clip(why, 120)}` : ""}`,
            };
          });
          // Unsupported results that say only why: one line per reason (a full matrix has
          // thousands of scenario lines of them, and a few dozen reasons).
          const byReason = new Map<string, ScenarioResult[]>();
          for (const r of notPassed.filter(onlyItsReason)) {
            const why = r.message?.split("\n")[0] ?? "";
            byReason.set(why, [...(byReason.get(why) ?? []), r]);
          }
          for (const [why, rs] of byReason) {
            const scenarios = new Set(rs.map(scenarioLabel)).size;
            lines.push({
              status: "unsupported",
              text: `  ${
                paint("unsupported", LABEL.unsupported)
              } ${rs.length} result(s) of ${scenarios} scenario(s)${
                why ? ` — ${clip(why, 160)}` : ""
              }`,
            });
          }
          lines.sort((a, b) => worstFirst.indexOf(a.status) - worstFirst.indexOf(b.status));
          yield `\nDid not pass:\n${lines.map((l) => l.text).join("\n")}\n`;
        }
        const c = e.counts;
        const part = (s: ReportStatus, word: string) => {
          const n = countOf(c, s);
          const text = `${n} ${word}`;
          return n && s !== "pass" ? paint(s, text) : text;
        };
        const unsupported = countOf(c, "unsupported");
        yield `\n${e.interrupted ? "Interrupted. " : ""}${
          [
            part("pass", "passed"),
            part("fail", "failed"),
            part("error", "errored"),
            part("skip", "skipped"),
            part("xfail", "xfailed"),
            part("xpass", "xpassed"),
            ...(unsupported ? [part("unsupported", "unsupported")] : []),
          ].join(", ")
        } (${(e.durationMs / 1000).toFixed(1)} s)\n`;
        break;
      }
    }
  }
};

/** The run's builds, grouped by implementation when there is more than one. */
function buildsText(builds: readonly BuildRef[]): string {
  const groups = implementationGroups(builds);
  const list = (bs: readonly BuildRef[]) => bs.map((b) => `${b.id} (${b.version})`).join(", ");
  return groups.length < 2
    ? list(builds)
    : groups.map((g) => `${g.implementation}: ${list(g.builds)}`).join("; ");
}
