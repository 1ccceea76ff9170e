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

/** Text one write takes at most, and what may wait unwritten before the reporter is paused. */
const WRITE_LIMIT = 1 << 20;

/**
 * Writes chunks in order, each as soon as the write before it is done, joining the chunks that
 * came meanwhile into one write (up to {@linkcode WRITE_LIMIT}). A run's results come one by
 * one and are written at once; an interrupted run's tens of thousands of "not run" lines come in
 * a burst, and writing them one awaited write each took seconds of its stop. A reporter that
 * gets more than the limit ahead waits ({@linkcode CoalescingWriter.room}), so a report of tens
 * of megabytes is still not held whole.
 */
class CoalescingWriter {
  #pending: string[] = [];
  #pendingLength = 0;
  #draining?: Promise<void>;
  #failure?: { error: unknown };
  #write: (text: string) => Promise<void>;

  constructor(write: (text: string) => Promise<void>) {
    this.#write = write;
  }

  /** Queue a chunk; it is written after every chunk pushed before it. */
  push(chunk: string): void {
    if (this.#failure) return; // the write failed: flushed() reports it
    this.#pending.push(chunk);
    this.#pendingLength += chunk.length;
    this.#draining ??= this.#drain();
  }

  /** Resolves once what waits unwritten is under the limit again. */
  async room(): Promise<void> {
    while (this.#draining && this.#pendingLength >= WRITE_LIMIT) await this.#draining;
  }

  /** Resolves once every chunk pushed so far is written; rejects with a write's error. */
  async flushed(): Promise<void> {
    while (this.#draining) await this.#draining;
    if (this.#failure) throw this.#failure.error;
  }

  // Never rejects (a failure is kept for flushed()), so no rejection goes unhandled.
  async #drain(): Promise<void> {
    try {
      while (this.#pending.length) {
        let n = 0;
        let length = 0;
        while (n < this.#pending.length && (n === 0 || length < WRITE_LIMIT)) {
          length += this.#pending[n++].length;
        }
        const text = this.#pending.splice(0, n).join("");
        this.#pendingLength -= length;
        await this.#write(text);
      }
    } catch (error) {
      this.#failure = { error };
      this.#pending = [];
      this.#pendingLength = 0;
    } finally {
      this.#draining = undefined;
    }
  }
}

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
    const writer = new CoalescingWriter(async (text) => {
      if (file) await writeAll(file, encoder.encode(text));
      else await io.stdout(text);
    });
    try {
      for await (
        const chunk of REPORTERS[name](streams[i], { ...options, tty: !out && io.isTty })
      ) {
        writer.push(chunk);
        await writer.room();
      }
      await writer.flushed();
    } finally {
      await writer.flushed().catch(() => {});
      file?.close();
    }
  }));
}

/** `write` may take part of a large buffer (a report's chunk runs to megabytes): loop. */
async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length;) at += await file.write(bytes.subarray(at));
}
