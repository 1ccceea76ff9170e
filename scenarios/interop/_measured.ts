/**
 * Measured facts that the Deno interop scenarios record as report notes, in a fixed form
 * (`measured <key>=<value>`), so that the interop table (`_interop_table.ts`) can be built from
 * a run's JSON report without re-reading transcripts. A note is written before the checks that
 * judge it, so a failed run still says what was seen.
 *
 * @module
 */
import type { ScenarioContext } from "../../mod.ts";

const PREFIX = "measured ";

/**
 * Record one measured fact as a note: `measured <key>=<value>`. Values are written as JSON, so
 * booleans, numbers, strings and arrays of them read back as they were.
 *
 * @example
 * ```ts
 * import { recordMeasured } from "./_measured.ts";
 * // inside a scenario body: recordMeasured(ctx, "tickets", 2);
 * ```
 */
export function recordMeasured(
  ctx: Pick<ScenarioContext, "note">,
  key: string,
  value: unknown,
): void {
  if (!/^[a-z][a-zA-Z0-9]*$/.test(key)) {
    throw new RangeError(`Invalid measured key "${key}": expected camelCase letters and digits`);
  }
  ctx.note(`${PREFIX}${key}=${JSON.stringify(value ?? null)}`);
}

/**
 * The facts recorded with {@linkcode recordMeasured} among a result's notes, by key (the last
 * one wins when a key was recorded twice). Other notes are ignored.
 *
 * @example
 * ```ts
 * import { readMeasured } from "./_measured.ts";
 * readMeasured(["measured tickets=2", "ran: openssl sess_id"]); // { tickets: 2 }
 * ```
 */
export function readMeasured(notes: readonly string[]): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const note of notes) {
    if (!note.startsWith(PREFIX)) continue;
    const eq = note.indexOf("=");
    if (eq < 0) continue;
    const key = note.slice(PREFIX.length, eq);
    try {
      facts[key] = JSON.parse(note.slice(eq + 1));
    } catch {
      facts[key] = note.slice(eq + 1);
    }
  }
  return facts;
}
