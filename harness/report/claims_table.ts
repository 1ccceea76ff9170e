import { CLAIMS } from "../claims/mod.ts";
import {
  claimDrift,
  type DocBehaviourMismatch,
  docBehaviourMismatches,
  type DocsBuild,
  docsField,
  type DocStatus,
  type DriftTable,
  openDocs,
} from "../docs/mod.ts";
import type { BuildRef, ScenarioResult, Status } from "../runner/mod.ts";

/** One row of the claims table: a claim, the scenarios that cite it, and their verdict. */
export interface ClaimRow {
  /** Claim ID. */
  id: string;
  /** The claim's sentence. */
  text: string;
  /** The man page it is quoted from, if any. */
  page?: string;
  /** Scenario names that cite it (in this run). */
  scenarios: string[];
  /** Result counts per status across those scenarios and build pairs. */
  counts: Partial<Record<Status, number>>;
  /** The overall verdict: the worst status, or "not covered". */
  verdict: Status | "not covered";
  /** Build id → what that version's page says (when docs were given). */
  docs?: Record<string, DocStatus>;
  /** Where the behaviour and that version's page disagree (when docs were given). */
  mismatches?: DocBehaviourMismatch[];
}

const WORST_FIRST: Status[] = ["error", "fail", "xpass", "xfail", "skip", "pass"];

/** Options for {@linkcode claimRows} and {@linkcode formatClaimsTable}. */
export interface ClaimRowsOptions {
  /** Doc drift of the run's builds (see {@linkcode runDocs}): fills `docs` and `mismatches`. */
  drift?: DriftTable;
  /** Only the claims the results cite (the catalogue's order kept). @default {false} */
  citedOnly?: boolean;
  /**
   * {@linkcode formatClaimsTable} only: a line under each claim with its page and sentence (the
   * `claims` command; a run's own table stays one line per claim). @default {false}
   */
  sentences?: boolean;
}

/**
 * Claim → scenarios → status for every claim in the catalogue (or only the cited ones), with
 * each version's doc status and the behaviour/doc disagreements when `drift` is given.
 *
 * @example
 * ```ts
 * import { claimRows } from "./claims_table.ts";
 * console.log(claimRows([]).length); // every claim, all "not covered"
 * ```
 */
export function claimRows(
  results: readonly ScenarioResult[],
  options: ClaimRowsOptions = {},
): ClaimRow[] {
  const mismatches = options.drift ? docBehaviourMismatches(results, options.drift) : [];
  // Results by claim, in one pass: filtering every result per claim took seconds on the
  // 46 000 results of an interrupted `--build all --pairs all` run.
  const byClaim = new Map<string, ScenarioResult[]>();
  for (const r of results) {
    for (const id of new Set(r.claims)) {
      const list = byClaim.get(id);
      if (list) list.push(r);
      else byClaim.set(id, [r]);
    }
  }
  const rows = CLAIMS.map((c): ClaimRow => {
    const rs = byClaim.get(c.id) ?? [];
    const counts: Partial<Record<Status, number>> = {};
    for (const r of rs) counts[r.status] = (counts[r.status] ?? 0) + 1;
    const verdict = rs.length === 0
      ? "not covered" as const
      : WORST_FIRST.find((s) => counts[s]) ?? "pass";
    const row: ClaimRow = {
      id: c.id,
      text: c.text,
      ...(c.page ? { page: c.page } : {}),
      scenarios: [...new Set(rs.map((r) => r.scenario))].sort(),
      counts,
      verdict,
    };
    if (options.drift) {
      row.docs = docsField(options.drift.get(c.id));
      row.mismatches = mismatches.filter((m) => m.claim === c.id);
    }
    return row;
  });
  return options.citedOnly ? rows.filter((r) => r.verdict !== "not covered") : rows;
}

/**
 * A short text for a row's docs: "present" when every version's page says it, else the
 * versions that differ ("1.1.1w absent; 3.5.9 changed"), then any disagreement with the
 * behaviour ("fails on 3.5.9 where its page says it").
 *
 * @example
 * ```ts
 * import { docsSummary } from "./claims_table.ts";
 * console.log(docsSummary({ id: "FL-1", text: "", scenarios: [], counts: {},
 *   verdict: "not covered", docs: { "3.0.20": "present", "3.5.9": "changed" } }));
 * // 3.5.9 changed
 * ```
 */
export function docsSummary(row: ClaimRow): string {
  if (!row.docs) return "";
  const entries = Object.entries(row.docs);
  if (entries.length === 0) return "";
  let text = entries.every(([, s]) => s === "present")
    ? "present (all)"
    : entries.filter(([, s]) => s !== "present").map(([b, s]) => `${b} ${s}`).join("; ");
  for (const m of row.mismatches ?? []) {
    text += m.kind === "fails-documented"
      ? `; FAILS on ${m.build} where its page says it`
      : `; HOLDS on ${m.build} where its page does not say it`;
  }
  return text;
}

/**
 * The claims table as aligned plain text. With `citedOnly`, a last line says how many claims of
 * the catalogue the run did not cite.
 *
 * @example
 * ```ts
 * import { formatClaimsTable } from "./claims_table.ts";
 * console.log(formatClaimsTable([], { citedOnly: true }));
 * ```
 */
export function formatClaimsTable(
  results: readonly ScenarioResult[],
  options: ClaimRowsOptions = {},
): string {
  const rows = claimRows(results, options);
  const withDocs = options.drift !== undefined;
  const lines = rows.map((r) => {
    const counts = Object.entries(r.counts).map(([s, n]) => `${n} ${s}`).join(", ");
    const status = r.verdict === "not covered" ? "-" : `${r.verdict.toUpperCase()} (${counts})`;
    const cells = [r.id, status, r.scenarios.join(", ") || "(no scenario in this run)"];
    if (withDocs) cells.splice(2, 0, docsSummary(r));
    return cells;
  });
  const head = withDocs
    ? ["claim", "status", "docs", "scenarios"]
    : ["claim", "status", "scenarios"];
  const widths = head.slice(0, -1).map((h, i) =>
    Math.max(h.length, ...lines.map((l) => l[i].length))
  );
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i < widths.length ? c.padEnd(widths[i]) : c)).join("  ").trimEnd();
  // With sentences, each row is followed by what the claim says (its page and sentence).
  const sentence = (r: ClaimRow) => `      ${r.page ? `${r.page}: ` : ""}"${r.text}"`;
  const body = lines.map((l, i) => options.sentences ? `${fmt(l)}\n${sentence(rows[i])}` : fmt(l));
  let out = [fmt(head), ...body].join("\n") + "\n";
  if (options.citedOnly) {
    const rest = CLAIMS.length - rows.length;
    if (rest > 0) {
      out += `(${rest} more claims of the catalogue are not cited by this run: ` +
        `"deno task harness claims --docs" lists every claim)\n`;
    }
  }
  return out;
}

/**
 * The man pages of a run's builds, where the cache has them: a fetched build's binary is
 * `<cache>/builds/<label>/root/usr/bin/openssl`, its pages `<cache>/builds/<label>/docs`.
 * Builds without pages (the system's, a user's own, not yet fetched) are left out.
 *
 * @example
 * ```ts
 * import { runDocs } from "./claims_table.ts";
 * const docs = await runDocs([{ id: "3.5.9", version: "", path: "/c/builds/3.5/root/usr/bin/openssl" }]);
 * console.log(docs.map((d) => d.id));
 * ```
 */
export async function runDocs(builds: readonly BuildRef[]): Promise<DocsBuild[]> {
  const out: DocsBuild[] = [];
  const seen = new Set<string>();
  for (const b of builds) {
    const m = /^(.*\/builds\/[^/]+)\/root\/usr\/bin\/openssl$/.exec(b.path);
    if (!m || seen.has(b.id)) continue;
    const docs = await openDocs(`${m[1]}/docs`).catch(() => undefined);
    if (docs) {
      out.push({ id: b.id, docs });
      seen.add(b.id);
    }
  }
  return out;
}

/**
 * Doc drift of every claim over a run's builds ({@linkcode runDocs}); `undefined` when none of
 * them has man pages, so reports leave the docs column out.
 *
 * @example
 * ```ts
 * import { runDrift } from "./claims_table.ts";
 * console.log(await runDrift([]));  // undefined
 * ```
 */
export async function runDrift(builds: readonly BuildRef[]): Promise<DriftTable | undefined> {
  const docs = await runDocs(builds);
  return docs.length ? await claimDrift(CLAIMS, docs) : undefined;
}
