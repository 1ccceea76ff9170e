/**
 * Options a scenario passes to a context method, checked when it is called: an unknown key or a
 * value of the wrong type is a `TypeError` naming the method, the option and what it takes
 * (with "did you mean" for a near miss), never a silently different command. Pure.
 *
 * @example
 * ```ts
 * import { checkOptions } from "./option_check.ts";
 * try {
 *   checkOptions("ctx.sServer", { numTicket: 1 }, { numTickets: "integer" });
 * } catch (e) {
 *   console.log((e as Error).message);
 *   // ctx.sServer(): unknown option "numTicket" (did you mean "numTickets"?); it takes: numTickets
 * }
 * ```
 * @module
 */

/**
 * What an option takes: a primitive kind, a list of strings, one of some strings (an enum), or
 * any object (a build).
 */
export type OptionKind =
  | "string"
  | "integer"
  | "boolean"
  | "string[]"
  | "object"
  | readonly string[];

/** Every option of a method and what it takes. */
export type OptionSchema = Readonly<Record<string, OptionKind>>;

/** Throw a `TypeError` when `options` has a key `schema` lacks or a value of another kind. */
export function checkOptions(method: string, options: unknown, schema: OptionSchema): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${method}(): options must be an object, got ${describe(options)}`);
  }
  const keys = Object.keys(schema);
  for (const [key, value] of Object.entries(options)) {
    const kind = schema[key];
    if (kind === undefined) {
      const near = closest(key, keys);
      throw new TypeError(
        `${method}(): unknown option "${key}"${near ? ` (did you mean "${near}"?)` : ""}; ` +
          `it takes: ${keys.join(", ")}`,
      );
    }
    if (value === undefined || fits(value, kind)) continue;
    throw new TypeError(
      `${method}(): option "${key}" takes ${expected(kind)}, got ${describe(value)}`,
    );
  }
}

function fits(value: unknown, kind: OptionKind): boolean {
  if (typeof kind !== "string") return typeof value === "string" && kind.includes(value);
  switch (kind) {
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value) && (value as number) >= 0;
    case "boolean":
      return typeof value === "boolean";
    case "string[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "object":
      return value !== null && typeof value === "object";
  }
}

function expected(kind: OptionKind): string {
  if (typeof kind !== "string") return `one of ${kind.map((k) => JSON.stringify(k)).join(", ")}`;
  return {
    string: "a string",
    integer: "a whole number ≥ 0",
    boolean: "true or false",
    "string[]": "an array of strings",
    object: "an object",
  }[kind];
}

function describe(value: unknown): string {
  const type = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
  const shown = typeof value === "object" && value !== null ? "" : ` ${JSON.stringify(value)}`;
  return `${type}${shown}`;
}

/**
 * The name of `keys` nearest to `key` (edit distance 2 at most, case ignored), for "did you
 * mean" hints; undefined when none is that near.
 *
 * @example
 * ```ts
 * import { closest } from "./option_check.ts";
 * console.log(closest("numTicket", ["tls", "numTickets"])); // "numTickets"
 * ```
 */
export function closest(key: string, keys: readonly string[]): string | undefined {
  let best: { key: string; d: number } | undefined;
  for (const k of keys) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d <= 2 && (!best || d < best.d)) best = { key: k, d };
  }
  return best?.key;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length];
}
