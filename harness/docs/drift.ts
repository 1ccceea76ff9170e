/**
 * Doc drift: for every claim and every build with man pages, whether that version's own page
 * still says the claim's sentence; and where the behaviour and the text disagree.
 *
 * @module
 */
import type { Claim } from "../claims/mod.ts";
import type { ManPages } from "./man_pages.ts";
import { pageParagraphs } from "./man_pages.ts";
import { findSentence, type Sentence } from "./sentences.ts";

/** What one version's page says about a claim's sentence. */
export type DocStatus = "present" | "changed" | "absent" | "no page";

/** The doc status of one claim on one build, with the page's own words when they differ. */
export interface DriftCell {
  /** See {@linkcode DocStatus}: `no page` also for claims that come from no man page. */
  status: DocStatus;
  /** The page the claim was looked up in (after links), when the version has one. */
  page?: string;
  /**
   * For `changed`: the closest sentence (the reworded claim). For `absent`: the closest
   * sentence the page has (what it says there instead). For `present`: the sentence itself.
   */
  closest?: Sentence;
  /** Similarity of `closest` to the quote, 0…1. */
  score?: number;
  /** True when the claim comes from no man page at all (it is "no page" everywhere). */
  unsourced?: boolean;
}

/** A build whose man pages drift is computed for. */
export interface DocsBuild {
  /** The build id ("1.1.1w", "3.0.20", …), the key of each claim's `docs` map. */
  id: string;
  /** Its man pages. */
  docs: ManPages;
}

/** Claim ID → build id → cell. Builds are in the order given. */
export type DriftTable = Map<string, Map<string, DriftCell>>;

/**
 * Look every claim's quote up in every build's page.
 *
 * @example
 * ```ts
 * import { CLAIMS } from "../claims/mod.ts";
 * import { claimDrift } from "./drift.ts";
 * import { openDocs } from "./man_pages.ts";
 * const docs = await openDocs("/root/.cache/tls-session-harness/builds/3.0/docs");
 * const table = await claimDrift(CLAIMS, docs ? [{ id: "3.0.20", docs }] : []);
 * console.log(table.get("TO-9")?.get("3.0.20")?.status);
 * ```
 */
export async function claimDrift(
  claims: readonly Claim[],
  builds: readonly DocsBuild[],
): Promise<DriftTable> {
  const table: DriftTable = new Map();
  const paragraphs = new Map<string, Sentence[] | undefined>();
  for (const c of claims) {
    const row = new Map<string, DriftCell>();
    for (const b of builds) {
      if (!c.page || !c.quote) {
        row.set(b.id, { status: "no page", unsourced: true });
        continue;
      }
      const name = b.docs.resolve(c.page);
      if (!name) {
        row.set(b.id, { status: "no page" });
        continue;
      }
      const key = `${b.id}\0${name}`;
      if (!paragraphs.has(key)) {
        const text = await b.docs.text(name);
        paragraphs.set(key, text === undefined ? undefined : pageParagraphs(text));
      }
      const ps = paragraphs.get(key);
      if (!ps) {
        row.set(b.id, { status: "no page" });
        continue;
      }
      const m = findSentence(c.quote, ps);
      row.set(b.id, { status: m.status, page: name, closest: m.closest, score: m.score });
    }
    table.set(c.id, row);
  }
  return table;
}

/**
 * The `docs` field of a claim in JSON: build id → status.
 *
 * @example
 * ```ts
 * import { docsField } from "./drift.ts";
 * console.log(docsField(new Map([["3.0.20", { status: "present" }]]))); // { "3.0.20": "present" }
 * ```
 */
export function docsField(row: Map<string, DriftCell> | undefined): Record<string, DocStatus> {
  return Object.fromEntries([...(row ?? [])].map(([id, cell]) => [id, cell.status]));
}

/** A disagreement between what a version does and what its own page says. */
export interface DocBehaviourMismatch {
  /** Claim ID. */
  claim: string;
  /** Build id. */
  build: string;
  /**
   * `holds-undocumented`: the behaviour holds (pass) but the page does not say it (absent or
   * no page); `fails-documented`: the page says it (present or changed) but the behaviour does
   * not hold (fail, or an expected deviation).
   */
  kind: "holds-undocumented" | "fails-documented";
  /** The page's status on that build. */
  doc: DocStatus;
  /** The scenarios behind the verdict (the failing ones for `fails-documented`). */
  scenarios: string[];
}

/** The part of a run result the comparison reads. */
export interface ClaimResult {
  /** Scenario name. */
  scenario: string;
  /** Claim IDs it cites. */
  claims: readonly string[];
  /** Its verdict. */
  status: "pass" | "fail" | "error" | "skip" | "xfail" | "xpass" | string;
  /** Builds on each side: only results where both are the same build count. */
  client: { id: string };
  /** See `client`. */
  server: { id: string };
}

/**
 * Where behaviour and documentation disagree: a claim that holds on a version whose page does
 * not say it, or fails there although the page says it. Only results whose client and server
 * are the same build count (a cross-version pair cannot be blamed on one page); a claim that
 * both passed and failed on a build counts as failing; errors and skips say nothing.
 *
 * @example
 * ```ts
 * import { docBehaviourMismatches } from "./drift.ts";
 * const drift = new Map([["NT-8", new Map([["1.1.1w", { status: "no page" as const }]])]]);
 * const results = [{ scenario: "x", claims: ["NT-8"], status: "pass",
 *   client: { id: "1.1.1w" }, server: { id: "1.1.1w" } }];
 * console.log(docBehaviourMismatches(results, drift)); // holds-undocumented on 1.1.1w
 * ```
 */
export function docBehaviourMismatches(
  results: readonly ClaimResult[],
  drift: DriftTable,
): DocBehaviourMismatch[] {
  const verdicts = new Map<
    string,
    { fails: boolean; holds: boolean; failing: Set<string>; holding: Set<string> }
  >();
  for (const r of results) {
    if (r.client.id !== r.server.id) continue;
    const holds = r.status === "pass";
    const fails = r.status === "fail" || r.status === "xfail";
    if (!holds && !fails) continue;
    for (const claim of r.claims) {
      const key = `${claim}\0${r.client.id}`;
      const v = verdicts.get(key) ??
        { fails: false, holds: false, failing: new Set(), holding: new Set() };
      v.fails ||= fails;
      v.holds ||= holds;
      (fails ? v.failing : v.holding).add(r.scenario);
      verdicts.set(key, v);
    }
  }
  const out: DocBehaviourMismatch[] = [];
  for (const [key, v] of verdicts) {
    const [claim, build] = key.split("\0");
    const cell = drift.get(claim)?.get(build);
    if (!cell || cell.unsourced) continue;
    const documented = cell.status === "present" || cell.status === "changed";
    if (v.fails && documented) {
      const scenarios = [...v.failing].sort();
      out.push({ claim, build, kind: "fails-documented", doc: cell.status, scenarios });
    } else if (!v.fails && v.holds && !documented) {
      const scenarios = [...v.holding].sort();
      out.push({ claim, build, kind: "holds-undocumented", doc: cell.status, scenarios });
    }
  }
  return out.sort((a, b) => a.claim.localeCompare(b.claim) || a.build.localeCompare(b.build));
}
