import { versionTriple } from "../openssl/mod.ts";
import { namePattern } from "./name_pattern.ts";

/**
 * A documented behaviour that a build does not show, recorded as data with its evidence, so
 * the scenario stays the same on every version. A matching failure is `xfail`; a matching pass
 * is `xpass` (and fails the run: the entry is out of date).
 */
export interface Deviation {
  /** Scenario name (exact) or a pattern with `*` wildcards. */
  scenario: string;
  /**
   * Variant id (exact) or a pattern with `*` wildcards ("tls1.2/*"), matched against the whole
   * id of the result's variant. @default {every variant, and a scenario without variants}
   */
  variant?: string;
  /**
   * The implementation of the client build ("openssl", "boringssl", "wolfssl", …); `client`
   * is a range of its versions (a fork's own numbering: BoringSSL's Android release, wolfSSL's
   * x.y.z). @default {"openssl"}
   */
  implementation?: string;
  /** The implementation of the server build. @default {the entry's `implementation`} */
  serverImplementation?: string;
  /** Version range of the client build, e.g. ">=1.1.1 <3.0.0", "3.5", or "*". @default {"*"} */
  client?: string;
  /** Version range of the server build. @default {"*"} */
  server?: string;
  /** Why the build departs from its man page, in one sentence. */
  reason: string;
  /** The transcript lines (or other evidence) that show it. */
  evidence?: string;
  /** A substring the failure message must contain for the entry to apply. */
  message?: string;
}

/** The file that holds the project's expected deviations. */
export const DEVIATIONS_FILE = new URL("../../expected_deviations.json", import.meta.url).pathname;

/**
 * Read and check a deviations file: `{ "deviations": [ … ] }`. A missing file is an empty
 * list; a malformed one is a SyntaxError naming the file and entry.
 */
export async function readDeviations(path: string = DEVIATIONS_FILE): Promise<Deviation[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(`${path}: not valid JSON: ${(e as Error).message}`);
  }
  const list = (data as { deviations?: unknown }).deviations;
  if (!Array.isArray(list)) throw new SyntaxError(`${path}: expected { "deviations": [ … ] }`);
  list.forEach((d, i) => {
    for (const field of ["scenario", "reason"]) {
      if (typeof d?.[field] !== "string" || d[field] === "") {
        throw new SyntaxError(
          `${path}: deviations[${i}]: field "${field}" must be a non-empty string`,
        );
      }
    }
    if (d.variant !== undefined && (typeof d.variant !== "string" || d.variant === "")) {
      throw new SyntaxError(
        `${path}: deviations[${i}]: field "variant" must be a non-empty string (a variant id or a "*" pattern)`,
      );
    }
    for (const field of ["client", "server"]) {
      if (d[field] !== undefined) parseRange(d[field], `${path}: deviations[${i}].${field}`);
    }
    for (const field of ["implementation", "serverImplementation"]) {
      if (d[field] !== undefined && (typeof d[field] !== "string" || !/^[a-z]+$/.test(d[field]))) {
        throw new SyntaxError(
          `${path}: deviations[${i}]: field "${field}" must be an implementation name ` +
            `("openssl", "boringssl", "wolfssl", …)`,
        );
      }
    }
  });
  return list as Deviation[];
}

type Comparator = { op: "<" | "<=" | ">" | ">=" | "="; v: [number, number, number] };

function parseRange(range: string, where: string): Comparator[] | "any" {
  const trimmed = range.trim();
  if (trimmed === "*" || trimmed === "") return "any";
  return trimmed.split(/\s+/).map((part) => {
    const m = /^(<=|>=|<|>|=)?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(part);
    if (!m) throw new SyntaxError(`${where}: cannot read version range ${JSON.stringify(range)}`);
    const v: [number, number, number] = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
    if (m[1]) return { op: m[1] as Comparator["op"], v };
    // A bare "3.5" means every 3.5.x; a bare "3.5.7" means exactly that.
    if (m[4] !== undefined) return { op: "=", v };
    if (m[3] !== undefined) return { op: "=", v: [v[0], v[1], -1] as [number, number, number] };
    return { op: "=", v: [v[0], -1, -1] as [number, number, number] };
  });
}

function compare(a: [number, number, number], b: [number, number, number]): number {
  for (let i = 0; i < 3; i++) {
    if (b[i] === -1) return 0; // wildcard from here on
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
}

/** The first x.y.z (or x.y) in another implementation's version text ("BoringSSL (Android 14.0.0, …)"). */
function forkTriple(version: string): [number, number, number] {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : [0, 0, 0];
}

/**
 * True when a build's version text lies in a range ("*", ">=3.0 <3.5", "1.1.1", …): an
 * `openssl version` string, or for another implementation its own numbering.
 */
export function versionInRange(
  version: string,
  range: string | undefined,
  implementation = "openssl",
): boolean {
  const parsed = parseRange(range ?? "*", "range");
  if (parsed === "any") return true;
  const v = implementation === "openssl" ? versionTriple(version) : forkTriple(version);
  return parsed.every(({ op, v: w }) => {
    const c = compare(v, w);
    switch (op) {
      case "<":
        return c < 0;
      case "<=":
        return c <= 0;
      case ">":
        return c > 0;
      case ">=":
        return c >= 0;
      case "=":
        return c === 0;
    }
  });
}

/** True when a deviation's `scenario` pattern (`*` wildcards, whole name) names a scenario. */
export function scenarioMatches(pattern: string, name: string): boolean {
  return namePattern(pattern, { whole: true }).test(name);
}

/** A build as a deviation sees it: its version text and implementation. */
export interface DeviationBuild {
  /** Exact version text (`openssl version`, a fork's version). */
  version: string;
  /** Its implementation. @default {"openssl"} */
  implementation?: string;
}

/** What a deviation is matched against: a result's scenario, variant and builds. */
export interface DeviationTarget {
  /** Scenario name. */
  scenario: string;
  /** Variant id; absent (or "") for a scenario without variants. */
  variant?: string;
  /** The client build. */
  client: DeviationBuild;
  /** The server build. */
  server: DeviationBuild;
}

/**
 * The first deviation that covers this scenario's variant on these builds, if any. An entry
 * without `variant` covers every variant of its scenarios; its implementations must be the
 * builds' (an entry without one is about OpenSSL only) and their versions lie in its ranges.
 *
 * @example
 * ```ts
 * import { findDeviation } from "./deviations.ts";
 * const d = [{ scenario: "get_session/*", variant: "tls1.2/*", reason: "…" }];
 * const v = { version: "OpenSSL 3.0.19 27 Jan 2026" };
 * console.log(findDeviation(d, { scenario: "get_session/x", variant: "tls1.2/sigkill", client: v, server: v }) === d[0]); // true
 * console.log(findDeviation(d, { scenario: "get_session/x", variant: "tls1.3/sigkill", client: v, server: v })); // undefined
 * ```
 */
export function findDeviation(
  deviations: readonly Deviation[],
  target: DeviationTarget,
): Deviation | undefined {
  return deviations.find((d) => {
    const impl = d.implementation ?? "openssl";
    const serverImpl = d.serverImplementation ?? impl;
    return scenarioMatches(d.scenario, target.scenario) &&
      (d.variant === undefined || scenarioMatches(d.variant, target.variant ?? "")) &&
      (target.client.implementation ?? "openssl") === impl &&
      (target.server.implementation ?? "openssl") === serverImpl &&
      versionInRange(target.client.version, d.client, impl) &&
      versionInRange(target.server.version, d.server, serverImpl);
  });
}

/** A one-line label for an entry, for the stale list. */
export function describeDeviation(d: Deviation): string {
  const name = d.variant === undefined ? d.scenario : `${d.scenario}[${d.variant}]`;
  const impl = d.implementation ?? "openssl";
  const side = (i: string, r: string | undefined) => `${i === "openssl" ? "" : i + " "}${r ?? "*"}`;
  return `${name} (client ${side(impl, d.client)}, server ${
    side(d.serverImplementation ?? impl, d.server)
  }): ${d.reason}`;
}
