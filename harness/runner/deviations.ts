import { buildVersionTriple } from "../impl/mod.ts";
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
   * The client builds it covers: `IMPL:RANGE` (`"boringssl:>=13"`, `"wolfssl:5.7"`,
   * `"gnutls:*"`), `IMPL` alone (every version), `*` or `*:*` (every build of every
   * implementation), or a bare RANGE, which means OpenSSL (`">=1.1.1 <3.0.0"`, `"3.5"`, `"*"`: the
   * entries written before other implementations). @default {every version of the
   * implementation `server` names; OpenSSL's when neither names one}
   */
  client?: string;
  /**
   * The server builds it covers, as {@linkcode Deviation.client}. @default {every version of the
   * implementation `client` names; OpenSSL's when neither names one}
   */
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
      if (d[field] !== undefined) {
        parseBuildRange(d[field], `${path}: deviations[${i}].${field}`);
      }
    }
  });
  return list as Deviation[];
}

type Comparator = { op: "<" | "<=" | ">" | ">=" | "="; v: [number, number, number] };

/** A parsed build range: which implementation (`"*"`: any) and which of its versions. */
interface BuildRange {
  implementation: string;
  versions: Comparator[] | "any";
}

function parseBuildRange(range: string, where: string): BuildRange {
  const trimmed = range.trim();
  const m = /^([a-z*][a-z0-9-]*):(.*)$/.exec(trimmed) ??
    (/^[a-z][a-z0-9-]*$/.test(trimmed) ? [trimmed, trimmed, "*"] : null);
  if (!m) return { implementation: "openssl", versions: parseRange(trimmed, where) };
  return { implementation: m[1], versions: parseRange(m[2], where) };
}

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

/** A build as a deviation sees it: its implementation and version. */
export interface DeviationBuild {
  /** "openssl", "boringssl", … @default {"openssl"} */
  implementation?: string;
  /** Label ("system", "3.5.9", "boringssl-14.0.0"). */
  id: string;
  /** Version family ("3.5", "14"). @default {""} */
  family?: string;
  /** Dotted version numbers when the id does not carry them ("3.0.19" for "system"). */
  versionNumber?: string;
}

/**
 * True when a build lies in a deviation's build range (see {@linkcode Deviation.client}):
 * its implementation, then its version numbers.
 *
 * @example
 * ```ts
 * import { buildInRange } from "./deviations.ts";
 * const b = { implementation: "boringssl", id: "boringssl-14.0.0", family: "14" };
 * console.log(buildInRange(b, "boringssl:>=13"), buildInRange(b, "*"), buildInRange(b, "*:*")); // true false true
 * ```
 */
export function buildInRange(build: DeviationBuild, range: string | undefined): boolean {
  const parsed = parseBuildRange(range ?? "*", "range");
  const impl = build.implementation ?? "openssl";
  if (parsed.implementation !== "*" && parsed.implementation !== impl) return false;
  if (parsed.versions === "any") return true;
  const v = buildVersionTriple({
    id: build.id,
    family: build.family ?? "",
    versionNumber: build.versionNumber,
  });
  return parsed.versions.every(({ op, v: w }) => {
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
  /**
   * The result's failure message, when it failed: of the entries covering these builds, the
   * first whose `message` it contains (or that names none) is the one found. @default {none}
   */
  message?: string;
}

/**
 * The first deviation that covers this scenario's variant on these builds, if any. An entry
 * without `variant` covers every variant of its scenarios. With a failure `message`, an entry
 * whose `message` that failure contains comes first, so that entries for the same builds can
 * name different failures.
 *
 * @example
 * ```ts
 * import { findDeviation } from "./deviations.ts";
 * const d = [{ scenario: "get_session/*", variant: "tls1.2/*", reason: "…" }];
 * const v = { implementation: "openssl", id: "system", versionNumber: "3.0.19" };
 * console.log(findDeviation(d, { scenario: "get_session/x", variant: "tls1.2/sigkill", client: v, server: v }) === d[0]); // true
 * console.log(findDeviation(d, { scenario: "get_session/x", variant: "tls1.3/sigkill", client: v, server: v })); // undefined
 * ```
 */
export function findDeviation(
  deviations: readonly Deviation[],
  target: DeviationTarget,
): Deviation | undefined {
  const covering = deviations.filter((d) =>
    scenarioMatches(d.scenario, target.scenario) &&
    (d.variant === undefined || scenarioMatches(d.variant, target.variant ?? "")) &&
    buildInRange(target.client, d.client ?? sameImplementation(d.server)) &&
    buildInRange(target.server, d.server ?? sameImplementation(d.client))
  );
  const failure = target.message;
  const named = failure === undefined
    ? undefined
    : covering.find((d) => d.message === undefined || failure.includes(d.message));
  return named ?? covering[0];
}

/**
 * What an absent side of an entry covers: every version of the implementation the other side
 * names (`client: "boringssl:>=13"` alone covers BoringSSL servers), or OpenSSL's when neither
 * side names one.
 */
function sameImplementation(other: string | undefined): string {
  return `${parseBuildRange(other ?? "*", "range").implementation}:*`;
}

/** A one-line label for an entry, for the stale list. */
export function describeDeviation(d: Deviation): string {
  const name = d.variant === undefined ? d.scenario : `${d.scenario}[${d.variant}]`;
  return `${name} (client ${d.client ?? "*"}, server ${d.server ?? "*"}): ${d.reason}`;
}
