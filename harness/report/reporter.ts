import type { RunEvent } from "../runner/mod.ts";

/** Options every reporter gets. */
export interface ReporterOptions {
  /** True when the destination is an interactive terminal (live progress, colours). */
  tty: boolean;
  /** The `--shard I/N` this run is, if any (end-of-run reports record it). */
  shard?: { index: number; count: number };
  /** The files a merged report was made from (end-of-run reports record them). */
  mergedFrom?: string[];
}

/**
 * A reporter turns runner events into text chunks, as they come (Node's test runner does the
 * same): it sees events only, never scenarios or peers.
 */
export type Reporter = (
  events: AsyncIterable<RunEvent>,
  options: ReporterOptions,
) => AsyncGenerator<string>;
