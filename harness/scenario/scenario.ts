import type { ScenarioContext } from "./context.ts";
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
   * Whether the scenario involves the server build at all. A scenario that runs only the client
   * build (e.g. FFI checks over memory BIOs) sets this to false, and `--pairs all` then runs it
   * once per build instead of once per pair. @default {true}
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
  /** Whether it runs on pairs of different builds. */
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
  const scenario = {
    tags: [],
    mutants: [],
    crossBuild: true,
    ...declaration,
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
