/**
 * Variants: the modes one scenario is run in (protocol, resumption mode, how a connection
 * ends, …). Each variant is its own task and its own result, identified by its values joined
 * by "/" in the declaration's key order ("tls1.3/ticket/sigkill").
 * @module
 */

/** Axis name → its values: the runner expands the product of every axis. */
export type VariantAxes = Readonly<Record<string, readonly string[]>>;

/** An explicit list of variants (every record with the same keys), when no product is wanted. */
export type VariantList = readonly Readonly<Record<string, string>>[];

/** What a scenario may declare as `variants`. */
export type VariantDeclaration = VariantAxes | VariantList;

/**
 * The values of one variant as a body sees them (`ctx.variant`): the axis → value record, typed
 * from the declaration where TypeScript can infer it.
 */
export type VariantValues<V> = V extends readonly (infer R)[] ? Readonly<R>
  : { readonly [K in keyof V]: V[K] extends readonly (infer X)[] ? X : never };

/** One variant of a scenario, as the runner runs it. */
export interface ScenarioVariant {
  /** The values joined by "/" in the declaration's key order; "" for a scenario without variants. */
  readonly id: string;
  /** Axis → value; `{}` for a scenario without variants. */
  readonly values: Readonly<Record<string, string>>;
}

/** A combination that `skipVariant` dropped from the expansion, with its reason. */
export interface DroppedVariant extends ScenarioVariant {
  /** What `skipVariant` returned. */
  readonly reason: string;
}

/** What a scenario's variant fields expand to. */
export interface VariantExpansion {
  /** The variants to run, in declaration order (one with id "" when none is declared). */
  variants: ScenarioVariant[];
  /** The combinations `skipVariant` dropped (not results; `harness list --json` shows them). */
  dropped: DroppedVariant[];
}

/** The variant-related fields of a scenario, as {@linkcode expandVariants} reads them. */
export interface VariantFields {
  /** The declaration: axes (expanded as a product) or an explicit list. */
  readonly variants?: unknown;
  /** Returns a reason to drop a combination, or undefined to keep it. */
  readonly skipVariant?: (values: never) => string | undefined;
}

/**
 * The protocol axis as variant values: ids read "tls1.3/ticket", not "1.3/ticket".
 * Give it as `variants: { tls: TLS_VARIANTS }` and pass `tlsVersion(ctx.variant.tls)` to peers.
 */
export const TLS_VARIANTS = ["tls1.2", "tls1.3"] as const;

/**
 * The peers' `tls` option for a protocol variant value.
 *
 * @example
 * ```ts
 * import { tlsVersion } from "./variants.ts";
 * console.log(tlsVersion("tls1.3")); // "1.3"
 * ```
 */
export function tlsVersion(value: (typeof TLS_VARIANTS)[number]): "1.2" | "1.3" {
  return value === "tls1.2" ? "1.2" : "1.3";
}

/** The one variant of a scenario that declares none: id "", values `{}`. */
export const NO_VARIANT: ScenarioVariant = Object.freeze({ id: "", values: Object.freeze({}) });

/**
 * The id of a variant: its values joined by "/" in key order (the result's `"variant"`).
 *
 * @example
 * ```ts
 * import { variantId } from "./variants.ts";
 * console.log(variantId({ tls: "tls1.3", end: "sigkill" })); // "tls1.3/sigkill"
 * ```
 */
export function variantId(values: Readonly<Record<string, string>>): string {
  return Object.values(values).join("/");
}

/**
 * Every combination a declaration names, before `skipVariant`: the product of the axes (first
 * axis slowest), or the explicit list as given. Assumes a valid declaration.
 */
export function allVariants(declaration: unknown): ScenarioVariant[] {
  if (declaration === undefined) return [NO_VARIANT];
  const records: Record<string, string>[] = Array.isArray(declaration)
    ? declaration.map((r) => ({ ...r }))
    : Object.entries(declaration as VariantAxes).reduce<Record<string, string>[]>(
      (acc, [axis, values]) => acc.flatMap((r) => values.map((v) => ({ ...r, [axis]: v }))),
      [{}],
    );
  return records.map((values) => ({ id: variantId(values), values }));
}

/**
 * The variants a scenario runs, and the combinations its `skipVariant` dropped.
 *
 * @example
 * ```ts
 * import { expandVariants } from "./variants.ts";
 * const { variants, dropped } = expandVariants({
 *   variants: { tls: ["tls1.2", "tls1.3"], resumption: ["ticket", "session-id"] },
 *   skipVariant: (v: { tls: string; resumption: string }) =>
 *     v.tls === "tls1.3" && v.resumption === "session-id" ? "no session IDs in TLS 1.3" : undefined,
 * });
 * console.log(variants.map((v) => v.id)); // ["tls1.2/ticket", "tls1.2/session-id", "tls1.3/ticket"]
 * console.log(dropped[0].reason); // "no session IDs in TLS 1.3"
 * ```
 */
export function expandVariants(scenario: VariantFields): VariantExpansion {
  const expansion: VariantExpansion = { variants: [], dropped: [] };
  const skip = scenario.skipVariant as ((v: Record<string, string>) => unknown) | undefined;
  for (const v of allVariants(scenario.variants)) {
    const reason = scenario.variants === undefined ? undefined : skip?.(v.values);
    if (typeof reason === "string") expansion.dropped.push({ ...v, reason });
    else expansion.variants.push(v);
  }
  return expansion;
}

/** `scenario[variant]`, or the name alone for the variant of a scenario without variants. */
export function variantLabel(name: string, variant: Pick<ScenarioVariant, "id">): string {
  return variant.id ? `${name}[${variant.id}]` : name;
}

// A value becomes part of an id ("a/b"), of a label ("x[a/b]") and of a --filter pattern.
const VALUE = /^[a-z0-9][a-z0-9_.+-]*$/i;
const AXIS = /^[a-z][a-z0-9_]*$/i;

/**
 * Problems with a scenario's variant fields, each naming the field (empty when all is well).
 * Checks the declaration's shape, that ids are unique, that `skipVariant` returns a string or
 * undefined and keeps at least one variant.
 */
export function variantProblems(scenario: VariantFields): { field: string; what: string }[] {
  const problems: { field: string; what: string }[] = [];
  const bad = (field: string, what: string) => problems.push({ field, what });
  const d = scenario.variants;
  if (scenario.skipVariant !== undefined && typeof scenario.skipVariant !== "function") {
    bad("skipVariant", "must be a function (values) => reason | undefined");
  }
  if (d === undefined) {
    if (scenario.skipVariant !== undefined) bad("skipVariant", "is given but no variants are");
    return problems;
  }
  const checkValue = (where: string, v: unknown) => {
    if (typeof v !== "string" || !VALUE.test(v)) {
      bad(
        "variants",
        `${where}: a value must be letters, digits, "_", ".", "+" or "-" (got ${
          JSON.stringify(v)
        })`,
      );
    }
  };
  if (Array.isArray(d)) {
    if (d.length === 0) bad("variants", "is an empty list");
    const keys = d.length && typeof d[0] === "object" && d[0] ? Object.keys(d[0]) : [];
    d.forEach((r, i) => {
      if (typeof r !== "object" || r === null || Array.isArray(r)) {
        bad("variants", `[${i}] must be a record of axis → value`);
        return;
      }
      if (Object.keys(r).join("\0") !== keys.join("\0")) {
        bad(
          "variants",
          `[${i}] has keys ${JSON.stringify(Object.keys(r))}, not ${
            JSON.stringify(keys)
          } as [0] (every record needs the same keys, in the same order)`,
        );
      }
      for (const [k, v] of Object.entries(r)) checkValue(`[${i}].${k}`, v);
    });
    if (keys.length === 0 && d.length) bad("variants", "[0] has no axis");
    for (const k of keys) {
      if (!AXIS.test(k)) bad("variants", `axis name ${JSON.stringify(k)} must be an identifier`);
    }
  } else if (typeof d === "object" && d !== null) {
    const axes = Object.entries(d);
    if (axes.length === 0) bad("variants", "declares no axis");
    for (const [axis, values] of axes) {
      if (!AXIS.test(axis)) {
        bad("variants", `axis name ${JSON.stringify(axis)} must be an identifier`);
      }
      if (!Array.isArray(values) || values.length === 0) {
        bad("variants", `axis "${axis}" must be a non-empty array of strings`);
        continue;
      }
      values.forEach((v, i) => checkValue(`${axis}[${i}]`, v));
    }
  } else {
    bad("variants", "must be { axis: [values…] } or an array of { axis: value } records");
  }
  if (problems.length) return problems;
  const ids = allVariants(d).map((v) => v.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) bad("variants", `names the variant "${dup}" twice`);
  if (typeof scenario.skipVariant !== "function") return problems;
  let expansion: VariantExpansion;
  try {
    const skip = scenario.skipVariant as (v: Record<string, string>) => unknown;
    for (const v of allVariants(d)) {
      const r = skip(v.values);
      if (r !== undefined && (typeof r !== "string" || r === "")) {
        bad(
          "skipVariant",
          `must return a reason (a non-empty string) or undefined (got ${
            JSON.stringify(r)
          } for "${v.id}")`,
        );
      }
    }
    expansion = expandVariants(scenario);
  } catch (e) {
    bad("skipVariant", `threw: ${(e as Error).message}`);
    return problems;
  }
  if (expansion.variants.length === 0) bad("skipVariant", "drops every variant");
  return problems;
}

/**
 * The same scenario restricted to some of its variants (for `--filter x[tls1.2/*]` and for
 * mutants declared per variant): `variants` becomes the explicit list of the kept combinations
 * (and of the dropped ones `keep` accepts, so `skipVariant` still drops them with their reason).
 * Ids stay the same. Returns undefined when `keep` accepts none it would run; the scenario
 * itself when it accepts all.
 */
export function narrowVariants<S extends VariantFields>(
  scenario: S,
  keep: (variant: ScenarioVariant) => boolean,
): S | undefined {
  const { variants } = expandVariants(scenario);
  const kept = variants.filter(keep);
  if (kept.length === 0) return undefined;
  if (kept.length === variants.length || scenario.variants === undefined) return scenario;
  const all = allVariants(scenario.variants).filter(keep);
  return { ...scenario, variants: all.map((v) => v.values) };
}
