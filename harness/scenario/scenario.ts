import type { ScenarioContext } from "./context.ts";
import { type Requirement, sidesOf } from "../impl/mod.ts";
import type { VariantDeclaration, VariantValues } from "./variants.ts";

/**
 * A scenario is a flat declaration: what it checks (claims), how it is grouped (tags), the
 * modes it runs in (variants), and a body that drives peers through the context. Every field
 * is checked before anything runs. `V` is the `variants` declaration, inferred, so that
 * `ctx.variant`, `skipVariant` and `mutantsFor` see its values' types.
 */
export interface ScenarioDeclaration<V extends VariantDeclaration = VariantDeclaration> {
  /**
   * Unique name, lower case, words joined by `_` or `-`, optionally grouped with `/`
   * (e.g. "get_session/last_ticket_wins"). Used by `--filter` and in every report. A file that
   * exports several scenarios must name each.
   * @default {the file's path under `scenarios/` without `.ts` (else its base name)}
   */
  name?: string;
  /** The man-page sentence(s) the scenario verifies, quoted. Shown in reports. */
  quote: string;
  /** Claim IDs from the spec (e.g. ["GS-9"]); every expectation must name one of these. */
  claims: string[];
  /** Free-form labels for `--tag` (e.g. "tls13", "cli", "ffi"). @default {[]} */
  tags?: string[];
  /**
   * Per-scenario deadline in seconds, when it needs more than the run's `--timeout`.
   * @default {the run's --timeout}
   */
  timeoutSeconds?: number;
  /**
   * What the scenario needs of the builds it runs on: capabilities, optionally qualified by the
   * dialect or format it speaks and placed on a side — `"api"` (the FFI driver of the client
   * build), `"cli-client:openssl"` (`ctx.sClient()`: OpenSSL's `s_client` flags),
   * `"cli-server:openssl"` (`ctx.sServer()`), `"session-file:openssl-pem"`, `"tcp-peer"`,
   * `"cli-client:openssl@server"` (the server build's `s_client`). A pair whose builds lack one
   * is `unsupported`, with a message naming it. A scenario whose requirements are all about the
   * client build (or all about the server build) runs once per build, not once per pair.
   * @default {["cli-client:openssl", "cli-server:openssl"]: OpenSSL's s_client and s_server}
   */
  requires?: Requirement[];
  /**
   * Whether the scenario involves the server build at all (written before `requires`, which
   * says it: a scenario requiring only client-side capabilities runs once per build).
   * `false` with no `requires` means `["cli-client:openssl"]`. @default {from `requires`}
   */
  crossBuild?: boolean;
  /**
   * Mutants (see harness/mutate/mutants.ts) that remove the behaviour this scenario checks:
   * `harness mutate` runs it against each and expects it to fail. @default {[]}
   */
  mutants?: string[];
  /**
   * The modes the scenario runs in: axis → values (the runner expands the product, first axis
   * slowest), or an explicit list of records with the same keys. Each variant is its own task
   * and result, `scenario[variant]`, its id the values joined by "/" in key order
   * ("tls1.3/ticket"). @default {none: one result without a `variant` field}
   */
  variants?: V;
  /**
   * A reason to drop a combination of the product (not run, not a result; `harness list
   * --json` shows it with the reason), or undefined to keep it.
   */
  skipVariant?: (variant: VariantValues<V>) => string | undefined;
  /**
   * The mutants of one variant, when one mutant cannot kill every variant: `harness mutate`
   * runs a variant against these instead of `mutants`. @default {`mutants` for every variant}
   */
  mutantsFor?: (variant: VariantValues<V>) => string[];
  /** The body. Throwing an ExpectationError is a fail; any other error is an error. */
  run: (ctx: ScenarioContext & { readonly variant: VariantValues<V> }) => Promise<void>;
}

/** A validated scenario, with where it was loaded from. */
export interface Scenario {
  /** Unique name ("" until the loader gives it the default from its file). */
  readonly name: string;
  /** The man-page sentence(s) it verifies. */
  readonly quote: string;
  /** Claim IDs. */
  readonly claims: readonly string[];
  /** Tags. */
  readonly tags: readonly string[];
  /** Per-scenario deadline in seconds, if set. */
  readonly timeoutSeconds?: number;
  /** What it needs of the builds (see {@linkcode ScenarioDeclaration.requires}). */
  readonly requires: readonly Requirement[];
  /** Whether it runs on pairs of different builds: it has requirements on both sides. */
  readonly crossBuild: boolean;
  /** Mutants that kill it (every variant, unless `mutantsFor` says otherwise). */
  readonly mutants: readonly string[];
  /** The variants declaration, if any (see {@linkcode ScenarioDeclaration.variants}). */
  readonly variants?: VariantDeclaration;
  /** Drops a combination of the variants' product, with a reason. */
  readonly skipVariant?: (variant: Readonly<Record<string, string>>) => string | undefined;
  /** The mutants of one variant, instead of `mutants`. */
  readonly mutantsFor?: (variant: Readonly<Record<string, string>>) => string[];
  /** The body. */
  readonly run: (ctx: ScenarioContext) => Promise<void>;
  /** The file it was declared in (set by the loader; "" when built in code). */
  readonly file: string;
}

const SCENARIO = Symbol.for("tls-session-harness.scenario");

/** What a scenario that says nothing requires: the context's OpenSSL CLI peers, both sides. */
const DEFAULT_REQUIRES: readonly Requirement[] = ["cli-client:openssl", "cli-server:openssl"];
/** What `crossBuild: false` without `requires` meant: the client build's `s_client`. */
const CLIENT_CLI: readonly Requirement[] = ["cli-client:openssl"];

/**
 * Whether requirements are about both builds of a pair. Unparseable ones count as both (the
 * validation reports them, by name, before anything runs).
 */
function involvesBothSides(requires: readonly Requirement[]): boolean {
  try {
    return sidesOf(requires).size === 2;
  } catch {
    return true;
  }
}

/**
 * Declare a scenario. Scenario files `export default` one scenario (or an array of them).
 *
 * @example
 * ```ts
 * import { defineScenario } from "../../mod.ts";
 *
 * export default defineScenario({
 *   name: "example/plain_handshake",
 *   quote: "SSL_session_reused() returns 0 if a new session was negotiated",
 *   claims: ["SS-4"],
 *   tags: ["example"],
 *   variants: { tls: ["1.2", "1.3"] },
 *   async run(ctx) {
 *     const server = await ctx.sServer({ tls: ctx.variant.tls });
 *     const client = await ctx.sClient(server);
 *     ctx.expect.equal("SS-4", "first connection is new", client.reused, false);
 *   },
 * });
 * ```
 */
export function defineScenario<const V extends VariantDeclaration = Record<never, never>>(
  declaration: ScenarioDeclaration<V>,
): Scenario {
  const requires = declaration.requires ??
    (declaration.crossBuild === false ? CLIENT_CLI : DEFAULT_REQUIRES);
  const scenario = {
    tags: [],
    mutants: [],
    ...declaration,
    requires,
    crossBuild: declaration.crossBuild ?? involvesBothSides(requires),
    name: declaration.name ?? "",
    file: "",
  } as unknown as Scenario;
  Object.defineProperty(scenario, SCENARIO, { value: true });
  return scenario;
}

/** True for a value made by {@linkcode defineScenario}. */
export function isScenario(value: unknown): value is Scenario {
  return typeof value === "object" && value !== null && SCENARIO in value;
}
