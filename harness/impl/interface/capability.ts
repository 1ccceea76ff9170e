/**
 * What a build can do, in a fixed order:
 * - `cli-client` / `cli-server`: a command-line TLS client / server (in the build's
 *   `cliDialect`);
 * - `session-file`: its CLI client saves a session to a file and resumes from one (in its
 *   `sessionFileFormat`);
 * - `api`: its libssl can be driven through the FFI driver (with its symbol map);
 * - `tcp-peer`: a TLS client or server over a real socket, driven by the harness (the FFI
 *   driver's socket ops, or Deno's own TLS for rustls).
 */
export const CAPABILITIES = [
  "cli-client",
  "cli-server",
  "session-file",
  "api",
  "tcp-peer",
] as const;

/** One of {@linkcode CAPABILITIES}. */
export type Capability = typeof CAPABILITIES[number];

/**
 * The part of a build a requirement is judged on (a `Build` has it; declared here so that
 * build.ts and this file do not import each other).
 */
export interface CapableBuild {
  /** Short label in messages. */
  readonly id: string;
  /** Which implementation. */
  readonly implementation: string;
  /** What it can do. */
  readonly capabilities: readonly Capability[];
  /** The dialect its CLI speaks. */
  readonly cliDialect?: string;
  /** Its CLI client's session file format. */
  readonly sessionFileFormat?: string;
  /** Why a capability is absent, as its probe found. */
  readonly missing?: Partial<Record<Capability, string>>;
}

/** Which build of a task a requirement is about. */
export type Side = "client" | "server";

/**
 * What a scenario needs of a build, as declared in `requires`: a capability, optionally
 * qualified (`cli-client:openssl`: the client speaks OpenSSL's `s_client` dialect;
 * `session-file:openssl-pem`) and optionally placed (`@server`, `@client`). Without a place, a
 * requirement is about the client build, except `cli-server`, which is about the server build.
 * Alternatives joined by `|` (`"cli-server|tcp-peer@server"`) are met when any one is; they must
 * all be about the same build.
 */
export type Requirement = string;

/** A parsed {@linkcode Requirement}. */
export interface ParsedRequirement {
  /** The text as declared. */
  text: string;
  /** The capability. */
  capability: Capability;
  /** Dialect (`cli-client`, `cli-server`) or format (`session-file`) it must have. */
  qualifier?: string;
  /** The build it is about. */
  side: Side;
}

const QUALIFIED: readonly Capability[] = ["cli-client", "cli-server", "session-file"];

/**
 * Parse a requirement.
 *
 * @throws {RangeError} saying what is wrong (unknown capability, a qualifier where none
 * applies, an unknown place).
 * @example
 * ```ts
 * import { parseRequirement } from "./capability.ts";
 * console.log(parseRequirement("cli-server:openssl").side); // "server"
 * console.log(parseRequirement("cli-client:openssl@server").side); // "server"
 * ```
 */
export function parseRequirement(text: string): ParsedRequirement {
  const m = /^([a-z-]+)(?::([a-z0-9-]+))?(?:@([a-z]+))?$/.exec(text);
  const capability = m?.[1] as Capability | undefined;
  if (!m || !capability || !(CAPABILITIES as readonly string[]).includes(capability)) {
    throw new RangeError(
      `Unknown requirement "${text}": expected a capability among ${
        CAPABILITIES.map((c) => `"${c}"`).join(", ")
      }, optionally ":QUALIFIER" (cli-client, cli-server, session-file) and "@client"/"@server"`,
    );
  }
  if (m[2] !== undefined && !QUALIFIED.includes(capability)) {
    throw new RangeError(
      `Requirement "${text}": "${capability}" takes no qualifier (only ${QUALIFIED.join(", ")})`,
    );
  }
  if (m[3] !== undefined && m[3] !== "client" && m[3] !== "server") {
    throw new RangeError(`Requirement "${text}": the place is "@client" or "@server"`);
  }
  const side = (m[3] as Side | undefined) ?? (capability === "cli-server" ? "server" : "client");
  return { text, capability, ...(m[2] !== undefined ? { qualifier: m[2] } : {}), side };
}

/**
 * Why a build does not meet a requirement (`undefined` when it does): the message names the
 * capability (and qualifier) and the build.
 *
 * @example
 * ```ts
 * import { unmetRequirement } from "./capability.ts";
 * const gnutls = {
 *   implementation: "gnutls", id: "gnutls-3.8.9", version: "gnutls-cli 3.8.9", family: "3.8",
 *   source: "fetched" as const, capabilities: ["cli-client" as const], cliDialect: "gnutls",
 * };
 * console.log(unmetRequirement(gnutls, "cli-client:openssl"));
 * ```
 */
export function unmetRequirement(
  build: CapableBuild,
  requirement: Requirement | ParsedRequirement,
): string | undefined {
  const r = typeof requirement === "string" ? parseRequirement(requirement) : requirement;
  const has = build.capabilities.length
    ? `it has ${build.capabilities.join(", ")}`
    : "it has no capability";
  if (!build.capabilities.includes(r.capability)) {
    const why = build.missing?.[r.capability];
    return `${r.side} build "${build.id}" (${build.implementation}) lacks "${r.capability}"` +
      `${why ? `: ${why}` : ""} (needed for "${r.text}"; ${has})`;
  }
  if (r.qualifier === undefined) return undefined;
  const actual = r.capability === "session-file" ? build.sessionFileFormat : build.cliDialect;
  if (actual === r.qualifier) return undefined;
  const what = r.capability === "session-file" ? "session-file format" : `${r.capability} dialect`;
  return `${r.side} build "${build.id}" (${build.implementation}) has "${r.capability}" but ` +
    `its ${what} is ${actual === undefined ? "unknown" : `"${actual}"`}, not "${r.qualifier}" ` +
    `(needed for "${r.text}")`;
}

/**
 * Which builds of a task a scenario with these requirements involves: a scenario whose
 * requirements are all about one side runs once per build of that side (each build against
 * itself), one with requirements on both sides runs on every client × server pair.
 *
 * @example
 * ```ts
 * import { sidesOf } from "./capability.ts";
 * console.log([...sidesOf(["api"])]); // ["client"]
 * console.log([...sidesOf(["cli-client:openssl", "cli-server:openssl"])].sort()); // ["client", "server"]
 * ```
 */
export function sidesOf(requirements: readonly Requirement[]): Set<Side> {
  return new Set(requirements.map((r) => parseAlternatives(r)[0].side));
}

/**
 * The first unmet requirement of a client × server pair, or `undefined` when both builds have
 * everything the scenario requires.
 *
 * @example
 * ```ts
 * import { unmetRequirements } from "./capability.ts";
 * const b = {
 *   implementation: "wolfssl", id: "wolfssl-5.7.2", version: "5.7.2", family: "5.7",
 *   source: "fetched" as const, capabilities: ["api" as const, "tcp-peer" as const],
 * };
 * console.log(unmetRequirements(["api"], b, b)); // undefined
 * ```
 */
export function unmetRequirements(
  requirements: readonly Requirement[],
  client: CapableBuild,
  server: CapableBuild,
): string | undefined {
  for (const text of requirements) {
    const alternatives = parseAlternatives(text);
    const build = alternatives[0].side === "client" ? client : server;
    const whys = alternatives.map((r) => unmetRequirement(build, r));
    if (whys.every((why) => why !== undefined)) return whys.join("; and ");
  }
  return undefined;
}

/**
 * Parse a requirement that may list alternatives (`"cli-server|tcp-peer@server"`), each one a
 * requirement of its own, all about the same build.
 *
 * @throws {RangeError} when an alternative does not parse, or when they are about different builds.
 * @example
 * ```ts
 * import { parseAlternatives } from "./capability.ts";
 * console.log(parseAlternatives("cli-server|tcp-peer@server").map((r) => r.capability));
 * ```
 */
export function parseAlternatives(text: Requirement): ParsedRequirement[] {
  const alternatives = text.split("|").map(parseRequirement);
  const sides = new Set(alternatives.map((r) => r.side));
  if (sides.size > 1) {
    throw new RangeError(
      `Requirement "${text}": its alternatives are about different builds (${
        alternatives.map((r) => `${r.text} → ${r.side}`).join(", ")
      }); place them all with "@client" or "@server"`,
    );
  }
  return alternatives;
}
