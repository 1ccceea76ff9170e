import type { ExpectationRecord } from "../scenario/mod.ts";

/**
 * The verdict of one scenario on one client build × server build. `unsupported`: not run, a
 * build of the pair lacks a capability the scenario requires (the message names it); not a
 * pass, a skip or a failure.
 */
export type Status = "pass" | "fail" | "error" | "skip" | "xfail" | "xpass" | "unsupported";

/** A build as reports show it. */
export interface BuildRef {
  /** "openssl", "boringssl", "wolfssl", "gnutls", "rustls" (absent in older reports: OpenSSL). */
  implementation?: string;
  /** Label ("system", "1.1.1w", …). */
  id: string;
  /** Exact version text the build reports ("OpenSSL 3.0.19 27 Jan 2026", "gnutls-cli 3.8.9"). */
  version: string;
  /** Its main program or folder. */
  path: string;
  /** Version family ("3.5", "1.1.1", "14"; absent in older reports): how `report diff` pairs builds. */
  family?: string;
}

/** One process a scenario started, as captured. */
export interface PeerOutput {
  /** "s_server", "s_client", … */
  role: string;
  /** The pasteable command line. */
  command: string;
  /** Exit code (null: killed by a signal or by the harness). */
  exitCode: number | null;
  /** Captured stdout. */
  stdout: string;
  /** Captured stderr. */
  stderr: string;
}

/** The result record of one scenario × variant × client build × server build. */
export interface ScenarioResult {
  /** Scenario name. */
  scenario: string;
  /** The variant's id ("tls1.3/ticket"); absent when the scenario declares no variants. */
  variant?: string;
  /** The file it came from. */
  file: string;
  /** Claim IDs it declares. */
  claims: string[];
  /** Its tags. */
  tags: string[];
  /** The verdict. */
  status: Status;
  /** The build that ran the clients. */
  client: BuildRef;
  /** The build that ran the servers. */
  server: BuildRef;
  /** Wall time in milliseconds. */
  durationMs: number;
  /** Why it failed, errored, was skipped or was expected to fail. */
  message?: string;
  /** The failed check, when the verdict comes from one. */
  failedExpectation?: ExpectationRecord;
  /** Every check made, in order. */
  expectations: ExpectationRecord[];
  /** The processes it started, with their output (kept for fail, error, xpass). */
  peers: PeerOutput[];
  /** Shell commands that reproduce the steps by hand. */
  repro: string[];
  /**
   * A self-contained `repro.sh` that replays the steps in a fresh shell and prints the lines the
   * checks judged (results that did not pass; also written beside the kept artifacts).
   */
  reproScript?: string;
  /** Notes the scenario recorded (measured facts). */
  notes: string[];
  /** The expected-deviation entry that applied, if any. */
  deviation?: { reason: string; evidence?: string };
}

/** Counts per status (`unsupported` only once a result has it). */
export type StatusCounts = Record<Exclude<Status, "unsupported">, number> & {
  unsupported?: number;
};

/** Everything the runner tells reporters, in order. */
export type RunEvent =
  | {
    type: "run:start";
    /** Scenario × pair count that will run. */
    total: number;
    /** Parallel jobs. */
    jobs: number;
    /** Builds in the run. */
    builds: BuildRef[];
    /** When it started (ISO 8601). */
    startedAt: string;
  }
  | {
    type: "scenario:start";
    /** Scenario name. */
    scenario: string;
    /** The variant's id; absent when the scenario has none. */
    variant?: string;
    /** The build that runs the clients. */
    client: BuildRef;
    /** The build that runs the servers. */
    server: BuildRef;
  }
  | { type: "scenario:end"; result: ScenarioResult }
  | {
    type: "run:end";
    /** Every result, in a stable order (scenario, client, server). */
    results: ScenarioResult[];
    /** Counts per status. */
    counts: StatusCounts;
    /** Wall time of the whole run, in milliseconds. */
    durationMs: number;
    /** Expected-deviation entries that covered a result of this run but no longer apply. */
    staleDeviations: string[];
    /** True when the run was interrupted (SIGINT/SIGTERM). */
    interrupted: boolean;
  };

/** An empty count record. */
export function emptyCounts(): StatusCounts {
  return { pass: 0, fail: 0, error: 0, skip: 0, xfail: 0, xpass: 0 };
}

/** True when a set of results makes the run fail (exit code 1). */
export function runFailed(counts: StatusCounts): boolean {
  return counts.fail + counts.error + counts.xpass > 0;
}

/**
 * Strings in code-unit order: the same on every machine and locale, and cheap (`localeCompare`
 * first loads ICU's collator: about 10 ms of a one-scenario run, and a comparison costs a
 * microsecond, 0.8 s to sort the 49 000 results of every build's matrix).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Results in the report order: scenario, variant, then client build id, then server build id.
 * A run and the merge of its shards both sort with it, so that they list results alike.
 */
export function compareResults(a: ScenarioResult, b: ScenarioResult): number {
  return compareText(a.scenario, b.scenario) || compareText(a.variant ?? "", b.variant ?? "") ||
    compareText(a.client.id, b.client.id) || compareText(a.server.id, b.server.id);
}
