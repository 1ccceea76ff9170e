import type { ScenarioContext } from "./context.ts";

/**
 * A scenario is a flat declaration: what it checks (claims), how it is grouped (tags), and a
 * body that drives peers through the context. Every field is checked before anything runs.
 */
export interface ScenarioDeclaration {
  /**
   * Unique name, lower case, words joined by `_` or `-`, optionally grouped with `/`
   * (e.g. "get_session/last_ticket_wins"). Used by `--filter` and in every report.
   */
  name: string;
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
  /** The body. Throwing an ExpectationError is a fail; any other error is an error. */
  run: (ctx: ScenarioContext) => Promise<void>;
}

/** A validated scenario, with where it was loaded from. */
export interface Scenario extends Readonly<Required<Omit<ScenarioDeclaration, "timeoutSeconds">>> {
  /** Per-scenario deadline in seconds, if set. */
  readonly timeoutSeconds?: number;
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
 *   async run(ctx) {
 *     const server = await ctx.sServer({ tls: "1.3" });
 *     const client = await ctx.sClient(server);
 *     ctx.expect.equal("SS-4", "first connection is new", client.reused, false);
 *   },
 * });
 * ```
 */
export function defineScenario(declaration: ScenarioDeclaration): Scenario {
  const scenario = {
    tags: [],
    mutants: [],
    crossBuild: true,
    ...declaration,
    file: "",
  } as Scenario;
  Object.defineProperty(scenario, SCENARIO, { value: true });
  return scenario;
}

/** True for a value made by {@linkcode defineScenario}. */
export function isScenario(value: unknown): value is Scenario {
  return typeof value === "object" && value !== null && SCENARIO in value;
}
