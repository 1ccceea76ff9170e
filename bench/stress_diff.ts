/**
 * What `deno task stress` counts: the results of a run under load that differ from the
 * reference run, by `report diff`'s rules (harness/report/diff.ts: a status change, an observed
 * value that changed while its check held, a result present on one side only). A result counts
 * once however many of its checks changed; each difference is listed with what changed.
 *
 * @example
 * ```ts ignore
 * import { differingResults } from "./stress_diff.ts";
 * const d = differingResults(reference, underLoad);
 * console.log(d.length, d.map((r) => `${r.label}: ${r.changes.join("; ")}`));
 * ```
 * @module
 */
import {
  type DiffIdentity,
  diffPairLabel,
  diffReports,
  diffScenarioLabel,
  type ReportData,
} from "../harness/report/mod.ts";

/** One result that differs between the reference and a run. */
export interface DifferingResult {
  /** `scenario[variant] [client -> server]`, as `report diff` labels it. */
  label: string;
  /** What changed, one entry per status change, changed value or missing side. */
  changes: string[];
}

/** The results of `run` that differ from `reference`: status changes first, then changed values. */
export function differingResults(reference: ReportData, run: ReportData): DifferingResult[] {
  const diff = diffReports(reference, run, { baseFile: "reference", newFile: "run" });
  const byLabel = new Map<string, string[]>();
  const add = (d: DiffIdentity, change: string) => {
    const label = `${diffScenarioLabel(d)} [${diffPairLabel(d)}]`;
    const list = byLabel.get(label) ?? [];
    list.push(change);
    byLabel.set(label, list);
  };
  for (const c of diff.statusChanges) {
    add(c, `status ${c.from} → ${c.to}${c.message ? `: ${firstLine(c.message)}` : ""}`);
  }
  for (const c of diff.observedChanges) {
    add(c, `${c.claim} ${c.description}: ${c.from} → ${c.to}`);
  }
  for (const o of diff.onlyInBase) add(o, `missing from the run (${o.status} in the reference)`);
  for (const o of diff.onlyInNew) add(o, `not in the reference (${o.status} in the run)`);
  return [...byLabel].map(([label, changes]) => ({ label, changes }));
}

function firstLine(text: string): string {
  const line = text.split("\n")[0];
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
