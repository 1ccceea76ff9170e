/**
 * Reading op arguments inside the driver: each request's `args` is untrusted JSON, so every
 * field is checked where it is read and a bad one is a TypeError naming the field.
 *
 * @example
 * ```ts
 * import { num, optStr } from "./op_args.ts";
 * console.log(num({ port: 443 }, "port"), num({}, "timeoutMs", 2000), optStr({}, "host"));
 * ```
 * @module
 */

/** The `args` object of one request. */
export type Args = Record<string, unknown>;

/**
 * A finite number field, or `fallback` when the field is absent.
 *
 * @throws {TypeError} naming the field when it is not a finite number (and has no fallback).
 */
export function num(args: Args, field: string, fallback?: number): number {
  const v = args[field] ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new TypeError(`Field "${field}" must be a number, got ${JSON.stringify(args[field])}`);
  }
  return v;
}

/**
 * A string field.
 *
 * @throws {TypeError} naming the field when it is not a string.
 */
export function str(args: Args, field: string): string {
  const v = args[field];
  if (typeof v !== "string") {
    throw new TypeError(`Field "${field}" must be a string, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** A string field, or undefined when absent. */
export function optStr(args: Args, field: string): string | undefined {
  return args[field] === undefined ? undefined : str(args, field);
}
