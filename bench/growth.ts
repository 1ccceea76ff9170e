/**
 * How the matrix's wall time grows: with the number of builds (`--pairs all`, so the tasks grow
 * with its square) and with `--shard I/N` over N processes run at once on this machine, so that
 * users can size their CI. Every figure comes from {@linkcode runCli} runs made here.
 *
 * @example
 * ```ts ignore
 * const rows = await growthByBuilds(work, ["system", "1.1.1w", "3.0.20", "3.5.9"], [1, 2, 4]);
 * const shards = await growthByShards(work, ["all"], [2], 2);
 * const every = await growthAllImplementations(work); // --build all: every implementation
 * ```
 * @module
 */
import { type CliRun, runCli } from "./cli_run.ts";

/** One matrix of the first `builds` builds. */
export interface BuildsRow {
  /** Builds in the matrix. */
  builds: number;
  /** Results it gave. */
  results: number;
  /** Wall seconds. */
  wallS: number;
  /** CPU seconds (NaN without GNU time). */
  cpuS: number;
}

/** The matrix (`--pairs all`) over the first k builds, for each k. */
export async function growthByBuilds(
  work: string,
  buildIds: readonly string[],
  sizes: readonly number[],
  known: ReadonlyMap<number, CliRun> = new Map(),
): Promise<BuildsRow[]> {
  const rows: BuildsRow[] = [];
  for (const k of sizes) {
    const r = known.get(k) ??
      await runCli(work, [
        ...buildIds.slice(0, k).flatMap((id) => ["--openssl", id]),
        "--pairs",
        "all",
      ]);
    rows.push({ builds: k, results: r.report.results.length, wallS: r.wallS, cpuS: r.cpuS });
  }
  return rows;
}

/** The matrix split over N shards run at once. */
export interface ShardsRow {
  /** Shards (processes run at once). */
  shards: number;
  /** Wall seconds until the last shard finished. */
  wallS: number;
  /** The slowest shard's wall seconds. */
  slowestS: number;
  /** CPU seconds of all shards together. */
  cpuS: number;
  /** Results of all shards together. */
  results: number;
}

/**
 * The matrix as N shards (`--shard I/N`, each with `--jobs max(1, cores / N)` so that together
 * they use the same cores), all started at once.
 */
export async function growthByShards(
  work: string,
  matrixArgs: readonly string[],
  counts: readonly number[],
  cores: number,
): Promise<ShardsRow[]> {
  const rows: ShardsRow[] = [];
  for (const n of counts) {
    const jobs = String(Math.max(1, Math.floor(cores / n)));
    const t0 = performance.now();
    const runs = await Promise.all(
      Array.from(
        { length: n },
        (_, i) => runCli(work, [...matrixArgs, "--shard", `${i + 1}/${n}`, "--jobs", jobs]),
      ),
    );
    rows.push({
      shards: n,
      wallS: (performance.now() - t0) / 1000,
      slowestS: Math.max(...runs.map((r) => r.wallS)),
      cpuS: runs.reduce((a, r) => a + r.cpuS, 0),
      results: runs.reduce((a, r) => a + r.report.results.length, 0),
    });
  }
  return rows;
}

/** The matrix over every build of every implementation, or why it could not run. */
export interface AllImplementationsRow {
  /** Builds in it (client builds of its results). */
  builds?: number;
  /** Results it gave. */
  results?: number;
  /** Wall seconds. */
  wallS?: number;
  /** CPU seconds (NaN without GNU time). */
  cpuS?: number;
  /** Why there is no figure: the CLI refused the selection (e.g. an implementation not run yet). */
  notRun?: string;
}

/**
 * `run --build all --pairs all`: every implementation's builds (OpenSSL, BoringSSL, wolfSSL,
 * GnuTLS, rustls) against each other, the matrix the CI must fit in. While the runner refuses
 * some implementations the row says why instead of a figure, and it appears by itself once they
 * run.
 */
export async function growthAllImplementations(
  work: string,
  args: readonly string[] = ["--build", "all", "--pairs", "all"],
): Promise<AllImplementationsRow> {
  let r: CliRun;
  try {
    r = await runCli(work, [...args], { warn: false });
  } catch (e) {
    const lines = (e as Error).message.split("\n");
    return { notRun: lines.find((l) => /^error: /.test(l))?.slice(7) ?? lines[0] };
  }
  const builds = new Set(
    r.report.results.map((x) => (x as { client?: { id: string } }).client?.id),
  );
  return { builds: builds.size, results: r.report.results.length, wallS: r.wallS, cpuS: r.cpuS };
}
