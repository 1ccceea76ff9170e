/**
 * What a scenario body threw, as a report shows it: the error, the scenario file's line it came
 * from, and a trimmed stack (the frames down to the scenario's last one, without Deno's and
 * Node's internals, file URLs as paths). Pure.
 *
 * @example
 * ```ts
 * import { describeThrown } from "./thrown.ts";
 * const e = new TypeError("x is undefined");
 * e.stack = "TypeError: x is undefined\n    at Object.run (file:///s/mine.ts:8:33)\n" +
 *   "    at runOne (file:///h/harness/runner/run_scenarios.ts:290:28)";
 * console.log(describeThrown(e, "/s/mine.ts"));
 * // TypeError: x is undefined
 * //   at /s/mine.ts:8:33 (the scenario's line)
 * //   stack:
 * //     at Object.run (/s/mine.ts:8:33)
 * ```
 * @module
 */

/** Frames kept at most. */
const MAX_FRAMES = 8;

/** `e` as a report's message: the error, then the scenario's line and a trimmed stack. */
export function describeThrown(e: unknown, file: string): string {
  if (!(e instanceof Error)) return `A non-Error value was thrown: ${Deno.inspect(e)}`;
  const head = `${e.name}: ${e.message}`;
  const frames = (e.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l)).map((l) =>
    l.trim().replaceAll("file://", "")
  );
  const own = (f: string) => file !== "" && f.includes(`${file}:`);
  const first = frames.find(own);
  const last = frames.findLastIndex(own);
  if (last < 0) {
    // Thrown where no frame is the scenario's (after an await the stack may not reach it).
    return `${head}\n  (no stack frame in ${file || "the scenario"})`;
  }
  const where = /:(\d+):(\d+)\)?$/.exec(first!);
  const kept = frames.slice(0, last + 1).filter((f) => !/\b(ext|node):/.test(f));
  return [
    head,
    `  at ${file}:${where?.[1]}:${where?.[2]} (the scenario's line)`,
    "  stack:",
    ...kept.slice(-MAX_FRAMES).map((f) => `    ${f}`),
  ].join("\n");
}
