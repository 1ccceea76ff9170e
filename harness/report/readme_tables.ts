// The README's generated tables: the expected deviations a run observed, per implementation and
// version, and the interop claims per client × server build. `report readme` writes them.
import type { BuildRef, Deviation, ScenarioResult } from "../runner/mod.ts";
import { scenarioMatches } from "../runner/mod.ts";
import { findClaim } from "../scenario/mod.ts";
import { IMPLEMENTATIONS } from "../impl/mod.ts";
import { countsText, implementationGroups, STATUS_SYMBOL } from "./matrix.ts";
import { mdCell, mdCode, mdTable } from "./markdown_text.ts";
import { buildVersionNumber, implementationOf, type ReportData } from "./report_data.ts";

/** An implementation's title ("BoringSSL"), or its name when the registry does not know it. */
export function implementationTitle(name: string): string {
  return IMPLEMENTATIONS.find((i) => i.name === name)?.title ?? name;
}

/**
 * How the README names a build's version: its number, and the build id when that is not the
 * number (`3.0.19 (system)`).
 *
 * @example
 * ```ts
 * import { versionLabel } from "./readme_tables.ts";
 * console.log(versionLabel({ id: "system", version: "OpenSSL 3.0.19 27 Jan 2026", path: "" })); // "3.0.19 (system)"
 * console.log(versionLabel({ id: "boringssl-14.0.0", version: "BoringSSL (Android 14.0.0)", path: "" })); // "14.0.0"
 * ```
 */
export function versionLabel(b: BuildRef): string {
  const v = buildVersionNumber(b);
  return v === b.id || b.id.endsWith(`-${v}`) || b.id === implementationOf(b)
    ? v
    : `${v} (${b.id})`;
}

/** `BoringSSL 14.0.0`: implementation title and version label. */
export function buildLabel(b: BuildRef): string {
  return `${implementationTitle(implementationOf(b))} ${versionLabel(b)}`;
}

/** A range that covers every OpenSSL build: the reference peer, not what departs. */
function everyOpenssl(range: string): boolean {
  return ["*", "*:*", "openssl", "openssl:*"].includes(range.trim());
}

/**
 * Which sides of a pair an expected deviation is about: the side(s) its entry names, except a
 * side named as "any OpenSSL" (the reference the other side departs from); an entry naming
 * neither (or none found) is about both builds of the pair.
 */
function deviatingSides(
  r: ScenarioResult,
  deviations: readonly Deviation[] | undefined,
): ("client" | "server")[] {
  if (r.client.id === r.server.id) return ["client"];
  const entry = deviations?.find((d) =>
    d.reason === r.deviation?.reason && scenarioMatches(d.scenario, r.scenario)
  );
  const named = (["client", "server"] as const).filter((s) => {
    const range = entry?.[s];
    return range !== undefined && !everyOpenssl(range);
  });
  return named.length ? [...named] : ["client", "server"];
}

interface FindingRow {
  build: BuildRef;
  scenario: string;
  reason: string;
  claims: Set<string>;
  variants: Set<string>;
  /** "itself", "client of system", "server of gnutls-3.8.9": the pairs it was seen on. */
  seenOn: Set<string>;
}

/**
 * The findings table: a row per implementation and expected deviation (scenario and reason)
 * that the report's `xfail` results observed, with the versions it was seen on (versions that
 * show it on the same pairs share the row), the claims, the variants and the pairs. `deviations` (the entries of `expected_deviations.json`) say which
 * side of a cross pair departs; without an entry naming a side, both builds get the row.
 *
 * @example
 * ```ts
 * import { findingsTable } from "./readme_tables.ts";
 * import { parseReport } from "./report_data.ts";
 * console.log(findingsTable(parseReport('{"results": []}', { file: "r.json" })));
 * // No expected deviation was observed.
 * ```
 */
export function findingsTable(data: ReportData, deviations?: readonly Deviation[]): string {
  const rows = new Map<string, FindingRow>();
  for (const r of data.results) {
    if (r.status !== "xfail" || !r.deviation) continue;
    for (const side of deviatingSides(r, deviations)) {
      const build = r[side];
      const key = `${build.id}\0${r.scenario}\0${r.deviation.reason}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          build,
          scenario: r.scenario,
          reason: r.deviation.reason,
          claims: new Set(),
          variants: new Set(),
          seenOn: new Set(),
        };
        rows.set(key, row);
      }
      r.claims.forEach((c) => row.claims.add(c));
      if (r.variant) row.variants.add(r.variant);
      const other = side === "client" ? r.server : r.client;
      row.seenOn.add(r.client.id === r.server.id ? "itself" : `${side} of ${mdCode(other.id)}`);
    }
  }
  if (rows.size === 0) return "No expected deviation was observed.";
  const order = buildOrder(data);
  const sorted = [...rows.values()].sort((a, b) =>
    order(a.build) - order(b.build) || a.scenario.localeCompare(b.scenario) ||
    a.reason.localeCompare(b.reason)
  );
  // Versions of one implementation that show the same deviation on the same pairs share a row
  // (the version cell lists them): the reason is said once, not once per version.
  const merged = new Map<string, { versions: string[]; cells: string[] }>();
  for (const row of sorted) {
    const cells = [
      mdCell(implementationTitle(implementationOf(row.build))),
      mdCode(row.scenario) +
      (row.variants.size ? ` ${mdCell(`[${[...row.variants].sort().join(", ")}]`)}` : ""),
      mdCell([...row.claims].join(", ")),
      mdCell(row.reason),
      mdCell([...row.seenOn].sort(itselfFirst).join(", ")),
    ];
    const key = cells.join("\0");
    const seen = merged.get(key);
    if (seen) seen.versions.push(versionLabel(row.build));
    else merged.set(key, { versions: [versionLabel(row.build)], cells });
  }
  return mdTable(
    ["implementation", "version", "scenario", "claims", "deviation", "seen on"],
    ["---", "---", "---", "---", "---", "---"],
    [...merged.values()].map(({ versions, cells: [impl, ...rest] }) => [
      impl,
      mdCell(versions.join(", ")),
      ...rest,
    ]),
  );
}

function itselfFirst(a: string, b: string): number {
  return a === "itself" ? -1 : b === "itself" ? 1 : a.localeCompare(b);
}

/** The index of a build in the report's order, each implementation's builds together. */
function buildOrder(data: ReportData): (b: BuildRef) => number {
  const listed = implementationGroups(data.builds).flatMap((g) => g.builds.map((b) => b.id));
  return (b) => {
    const i = listed.indexOf(b.id);
    return i < 0 ? listed.length : i;
  };
}

/** True for the claims the interop table shows: the catalogue's interop claims (DT, IX). */
export function isInteropClaim(id: string): boolean {
  return /\binterop\b/.test(findClaim(id)?.document ?? "");
}

/**
 * The interop table: one row per client build × server build on which some interop claim's
 * scenario ran (not `unsupported`), one column per interop claim, each cell the statuses of
 * that pair's results citing the claim (`✓ 2`, `✗ₓ 1`; `∅`: every one unsupported there).
 *
 * @example
 * ```ts
 * import { interopTable } from "./readme_tables.ts";
 * import { parseReport } from "./report_data.ts";
 * console.log(interopTable(parseReport('{"results": []}', { file: "r.json" })));
 * // No interop scenario ran.
 * ```
 */
export function interopTable(data: ReportData): string {
  const interop = data.results.filter((r) => r.claims.some(isInteropClaim));
  const claims = [...new Set(interop.flatMap((r) => r.claims.filter(isInteropClaim)))]
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const pairs = new Map<string, ScenarioResult[]>();
  for (const r of interop) {
    const key = `${r.client.id}\0${r.server.id}`;
    pairs.set(key, [...(pairs.get(key) ?? []), r]);
  }
  const ran = [...pairs.values()].filter((rs) => rs.some((r) => r.status !== "unsupported"));
  if (ran.length === 0) return "No interop scenario ran.";
  const order = buildOrder(data);
  ran.sort((a, b) =>
    order(a[0].client) - order(b[0].client) || order(a[0].server) - order(b[0].server)
  );
  return mdTable(
    ["client", "server", ...claims],
    ["---", "---", ...claims.map(() => ":-:")],
    ran.map((rs) => [
      mdCell(buildLabel(rs[0].client)),
      mdCell(buildLabel(rs[0].server)),
      ...claims.map((c) => {
        const cited = rs.filter((r) => r.claims.includes(c));
        const run = cited.filter((r) => r.status !== "unsupported");
        if (run.length) return mdCell(countsText(run));
        return cited.length ? STATUS_SYMBOL.unsupported : "";
      }),
    ]),
  );
}

/**
 * The README's generated sections from a report: `findings` ({@linkcode findingsTable}) and
 * `interop` ({@linkcode interopTable}), each after a line saying which run it comes from.
 *
 * @example
 * ```ts
 * import { readmeSections } from "./readme_tables.ts";
 * import { parseReport } from "./report_data.ts";
 * console.log(Object.keys(readmeSections(parseReport('{"results": []}', { file: "r.json" }))));
 * // ["findings", "interop"]
 * ```
 */
export function readmeSections(
  data: ReportData,
  deviations?: readonly Deviation[],
): Record<"findings" | "interop", string> {
  const from = `_Generated by \`deno task harness report readme REPORT.json --write README.md\` ` +
    `from a report of ${data.results.length} results${
      data.summary.startedAt ? ` (run started ${data.summary.startedAt})` : ""
    } on ${
      implementationGroups(data.builds).map((g) =>
        `${implementationTitle(g.implementation)} ${g.builds.map(versionLabel).join(", ")}`
      ).join("; ") || "no build"
    }._`;
  return {
    findings: `${from}\n\n${findingsTable(data, deviations)}`,
    interop: `${from}\n\n${interopTable(data)}`,
  };
}
