import { broadcast, type ReporterOptions, REPORTERS } from "../report/mod.ts";
import type { RunEvent } from "../runner/mod.ts";
import { type CliIo, UsageError } from "./io.ts";

/** The names `--reporter` takes. */
export const REPORTER_NAMES = ["pretty", "json", "junit", "markdown", "html"];

/** One reporter and where it writes: a file, or stdout when `out` is absent. */
export interface ReportTarget {
  /** A name of {@linkcode REPORTER_NAMES}. */
  name: string;
  /** The file it writes (created or truncated). */
  out?: string;
}

/**
 * Pair each `--reporter` with the `--out` in the same position (stdout when there is none, or
 * when that `--out` is `-`, so that a later position can still name a file);
 * `--html FILE` adds the html reporter writing to FILE.
 *
 * @example
 * ```ts
 * import { reportTargets } from "./write_reports.ts";
 * console.log(reportTargets(["json", "pretty"], ["r.json"]));
 * // [{ name: "json", out: "r.json" }, { name: "pretty", out: undefined }]
 * ```
 */
export function reportTargets(
  names: string[],
  outs: readonly (string | undefined)[],
  html?: string,
): ReportTarget[] {
  for (const n of names) {
    if (!REPORTER_NAMES.includes(n)) {
      throw new UsageError(`Unknown reporter "${n}": choose from ${REPORTER_NAMES.join(", ")}`);
    }
  }
  if (outs.length > names.length) {
    throw new UsageError(
      `More --out (${outs.length}) than --reporter (${names.length}): pair each --out with a --reporter`,
    );
  }
  const targets: ReportTarget[] = names.map((name, i) => ({ name, out: outs[i] }));
  if (html) targets.push({ name: "html", out: html });
  return targets;
}

const encoder = new TextEncoder();

/**
 * Feed events to each reporter target at once: a target with `out` writes to that file
 * (created or truncated), the others to `io.stdout`.
 *
 * @example
 * ```ts ignore
 * await writeReports(events, [{ name: "pretty" }, { name: "json", out: "r.json" }], io);
 * ```
 */
export async function writeReports(
  events: AsyncIterable<RunEvent>,
  targets: readonly ReportTarget[],
  io: CliIo,
  options: Omit<ReporterOptions, "tty"> = {},
): Promise<void> {
  const streams = broadcast(events, targets.length);
  await Promise.all(targets.map(async ({ name, out }, i) => {
    // Private from the first byte (0600), and made so if it already existed: a report quotes
    // peers' output and, with --keep-secrets, their keys.
    const file = out
      ? await Deno.open(out, { write: true, create: true, truncate: true, mode: 0o600 })
      : undefined;
    if (out) await Deno.chmod(out, 0o600);
    try {
      for await (
        const chunk of REPORTERS[name](streams[i], { ...options, tty: !out && io.isTty })
      ) {
        if (file) await writeAll(file, encoder.encode(chunk));
        else await io.stdout(chunk);
      }
    } finally {
      file?.close();
    }
  }));
}

/** `write` may take part of a large buffer (a report's chunk runs to megabytes): loop. */
async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length;) at += await file.write(bytes.subarray(at));
}
