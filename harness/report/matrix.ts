import { CLAIMS } from "../scenario/mod.ts";
import type { BuildRef, ScenarioResult } from "../runner/mod.ts";
import { implementationOf, type ReportStatus, scenarioLabel } from "./report_data.ts";

/** Statuses from the worst to the best: what a cell holding several results shows. */
export const WORST_FIRST: readonly ReportStatus[] = [
  "error",
  "fail",
  "xpass",
  "xfail",
  "unsupported",
  "skip",
  "pass",
];

/** The symbol of each status in Markdown and HTML matrices (see {@linkcode STATUS_LEGEND}). */
export const STATUS_SYMBOL: Readonly<Record<ReportStatus, string>> = {
  pass: "✓",
  fail: "✗",
  error: "⚠",
  skip: "–",
  xfail: "✗ₓ",
  xpass: "✓‼",
  unsupported: "∅",
};

/** What each symbol means, in the order a legend lists them. */
export const STATUS_LEGEND: readonly [ReportStatus, string][] = [
  ["pass", "pass: every check held"],
  ["fail", "fail: a check did not hold"],
  ["error", "error: the scenario could not run (peer crashed or hung, deadline, import error)"],
  ["skip", "skip: not run (sanity failed on the pair, or the scenario skipped itself)"],
  ["xfail", "xfail: failed as an expected deviation records (expected_deviations.json)"],
  ["xpass", "xpass: an expected deviation now passes; the entry is stale and the run fails"],
  ["unsupported", "unsupported: not run, a build lacks a capability the scenario requires"],
];

/** True for statuses that make a run fail. */
export function isBad(status: ReportStatus): boolean {
  return status === "fail" || status === "error" || status === "xpass";
}

/** True for every status but `pass`: what "only what did not pass" keeps. */
export function didNotPass(status: ReportStatus): boolean {
  return status !== "pass";
}

/**
 * True for an unsupported result that holds nothing but its reason (no checks ran, no peer, no
 * repro): reports list such a reason once, with its count, instead of a block per result — a
 * full matrix has tens of thousands of them, nearly all with a few dozen reasons.
 */
export function onlyItsReason(r: ScenarioResult): boolean {
  return r.status === "unsupported" && r.expectations.length === 0 && r.notes.length === 0 &&
    r.peers.length === 0 && r.repro.length === 0 && r.reproScript === undefined &&
    !r.failedExpectation && !r.deviation;
}

/** The worst status of some results (`undefined` for none). */
export function worstStatus(results: readonly ScenarioResult[]): ReportStatus | undefined {
  return WORST_FIRST.find((s) => results.some((r) => r.status === s));
}

/** One scenario's row of the matrix. */
export interface MatrixRow {
  /** Scenario name, with `[variant]` when the result has one. */
  scenario: string;
  /** Its claims. */
  claims: string[];
  /** The result of each build against itself, by build id (missing: not run on that build). */
  same: Map<string, ScenarioResult>;
  /** Results whose client and server builds differ. */
  cross: ScenarioResult[];
}

/** The rows of one man page. */
export interface MatrixGroup {
  /** The man page ("SSL_get_session(3)"), or "Other" for scenarios citing no known claim. */
  document: string;
  /** Its scenarios, ordered by their first claim then name. */
  rows: MatrixRow[];
}

const CLAIM_INDEX = new Map(CLAIMS.map((c, i) => [c.id, i]));
const DOCUMENT_OF = new Map(CLAIMS.map((c) => [c.id, c.document]));
const DOCUMENT_ORDER = [...new Set(CLAIMS.map((c) => c.document))];

/** The man page a scenario is filed under: the document of its first known claim. */
export function documentOf(claims: readonly string[]): string {
  for (const c of claims) {
    const d = DOCUMENT_OF.get(c);
    if (d) return d;
  }
  return "Other";
}

function firstClaimIndex(claims: readonly string[]): number {
  const known = claims.map((c) => CLAIM_INDEX.get(c)).filter((i) => i !== undefined);
  return known.length ? Math.min(...known) : Number.MAX_SAFE_INTEGER;
}

/**
 * Scenario rows grouped by man page (in catalogue order), each row ordered by its first claim:
 * the shape of the Markdown and HTML matrices.
 *
 * @example
 * ```ts
 * import { matrixGroups } from "./matrix.ts";
 * console.log(matrixGroups([])); // []
 * ```
 */
export function matrixGroups(results: readonly ScenarioResult[]): MatrixGroup[] {
  const rows = new Map<string, MatrixRow>();
  for (const r of results) {
    // A variant is a row of its own: its results are a different task on the same pairs.
    const label = scenarioLabel(r);
    let row = rows.get(label);
    if (!row) {
      row = { scenario: label, claims: r.claims, same: new Map(), cross: [] };
      rows.set(label, row);
    }
    if (r.client.id === r.server.id) row.same.set(r.client.id, r);
    else row.cross.push(r);
  }
  const groups = new Map<string, MatrixRow[]>();
  for (const row of rows.values()) {
    const d = documentOf(row.claims);
    groups.set(d, [...(groups.get(d) ?? []), row]);
  }
  const order = (d: string) => {
    const i = DOCUMENT_ORDER.indexOf(d);
    return i < 0 ? DOCUMENT_ORDER.length : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([document, rs]) => ({
      document,
      rows: rs.sort((a, b) =>
        firstClaimIndex(a.claims) - firstClaimIndex(b.claims) ||
        a.scenario.localeCompare(b.scenario)
      ),
    }));
}

/** The builds of one implementation, in run order: a group of matrix columns. */
export interface ImplementationGroup {
  /** "openssl", "boringssl", … (`"openssl"` for builds of reports that do not say). */
  implementation: string;
  /** Its builds. */
  builds: BuildRef[];
}

/**
 * Builds grouped by implementation, the groups in the order their first build comes, each
 * group's builds in run order: how the matrices and grids order their columns and rows.
 *
 * @example
 * ```ts
 * import { implementationGroups } from "./matrix.ts";
 * const b = (implementation: string, id: string) => ({ implementation, id, version: id, path: "" });
 * const groups = implementationGroups([b("openssl", "3.5.9"), b("boringssl", "boringssl-14.0.0"), b("openssl", "system")]);
 * console.log(groups.map((g) => `${g.implementation}: ${g.builds.map((x) => x.id).join(" ")}`));
 * // ["openssl: 3.5.9 system", "boringssl: boringssl-14.0.0"]
 * ```
 */
export function implementationGroups(builds: readonly BuildRef[]): ImplementationGroup[] {
  const groups = new Map<string, BuildRef[]>();
  for (const b of builds) {
    const impl = implementationOf(b);
    groups.set(impl, [...(groups.get(impl) ?? []), b]);
  }
  return [...groups].map(([implementation, bs]) => ({ implementation, builds: bs }));
}

/** Builds reordered so that each implementation's builds are side by side. */
function groupedByImplementation(builds: readonly BuildRef[]): BuildRef[] {
  return implementationGroups(builds).flatMap((g) => g.builds);
}

/** A client build × server build grid of results (one cell per pair). */
export interface PairGrid {
  /** Row builds (clients), in run order. */
  clients: BuildRef[];
  /** Column builds (servers), in run order. */
  servers: BuildRef[];
  /** The results of a pair. */
  cell(client: string, server: string): ScenarioResult[];
}

/**
 * Group results by client build × server build. `builds` gives the order (grouped by
 * implementation); builds seen in the results but not listed are appended.
 *
 * @example
 * ```ts
 * import { pairGrid } from "./matrix.ts";
 * const grid = pairGrid([], []);
 * console.log(grid.clients.length, grid.cell("a", "b")); // 0 []
 * ```
 */
export function pairGrid(
  results: readonly ScenarioResult[],
  builds: readonly BuildRef[],
): PairGrid {
  const byPair = new Map<string, ScenarioResult[]>();
  const clients = new Map(builds.map((b) => [b.id, b]));
  const servers = new Map(builds.map((b) => [b.id, b]));
  const usedClients = new Set<string>();
  const usedServers = new Set<string>();
  for (const r of results) {
    const key = `${r.client.id}\0${r.server.id}`;
    byPair.set(key, [...(byPair.get(key) ?? []), r]);
    if (!clients.has(r.client.id)) clients.set(r.client.id, r.client);
    if (!servers.has(r.server.id)) servers.set(r.server.id, r.server);
    usedClients.add(r.client.id);
    usedServers.add(r.server.id);
  }
  return {
    clients: groupedByImplementation([...clients.values()].filter((b) => usedClients.has(b.id))),
    servers: groupedByImplementation([...servers.values()].filter((b) => usedServers.has(b.id))),
    cell: (c, s) => byPair.get(`${c}\0${s}`) ?? [],
  };
}

/** True when some result ran on a pair of different builds (a `--pairs all` run). */
export function hasCrossPairs(results: readonly ScenarioResult[]): boolean {
  return results.some((r) => r.client.id !== r.server.id);
}

/**
 * Builds that ran against themselves, in run order grouped by implementation (the matrix's
 * columns; see {@linkcode implementationGroups}).
 */
export function matrixColumns(
  results: readonly ScenarioResult[],
  builds: readonly BuildRef[],
): BuildRef[] {
  const same = new Set(results.filter((r) => r.client.id === r.server.id).map((r) => r.client.id));
  const listed = builds.filter((b) => same.has(b.id));
  const extra = [...new Map(
    results.filter((r) => r.client.id === r.server.id && !listed.some((b) => b.id === r.client.id))
      .map((r) => [r.client.id, r.client]),
  ).values()];
  return groupedByImplementation([...listed, ...extra]);
}

/** "12 ✓ 1 ✗": counts of a set of results, worst statuses first, passes last. */
export function countsText(results: readonly ScenarioResult[]): string {
  const parts: string[] = [];
  for (const s of WORST_FIRST) {
    const n = results.filter((r) => r.status === s).length;
    if (n) parts.push(`${n} ${STATUS_SYMBOL[s]}`);
  }
  return parts.join(" ");
}
