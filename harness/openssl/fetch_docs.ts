import { aptFor, extractDebs, upstreamVersion } from "../debian/mod.ts";
import { type DocsSource, openDocs, readManDir, writeDocs } from "../docs/mod.ts";
import type { OpensslBuild } from "./build.ts";
import { buildDir } from "./fetch_manifest.ts";
import { BUILD_RECIPES, type FetchTarget, POINT_RELEASE_SUITES } from "./fetch_recipes.ts";

/**
 * The man pages of a fetched build: `<cache>/builds/<label>/docs` (see `harness/docs/` for the
 * layout).
 *
 * @example
 * ```ts
 * import { docsDir } from "./fetch_docs.ts";
 * console.log(docsDir("/tmp/cache", "3.0")); // /tmp/cache/builds/3.0/docs
 * ```
 */
export function docsDir(cache: string, label: string): string {
  return `${buildDir(cache, label)}/docs`;
}

/** The suites a target's packages come from (a point release searches several). */
export function targetSuites(target: FetchTarget): readonly string[] {
  return target.exact
    ? POINT_RELEASE_SUITES[target.family]!
    : [BUILD_RECIPES[target.family].sets[0].suite];
}

/** Options for {@linkcode fetchBuildDocs}. */
export interface FetchBuildDocsOptions {
  /** The cache folder. */
  cache: string;
  /** Returns the Debian archive URL (asked only when something must be downloaded). */
  archiveUrl: () => Promise<string>;
  /** Private apt states already updated in this fetch. */
  updated: Set<string>;
  /** Aborting stops the fetch. */
  signal?: AbortSignal;
  /** Called with one human-readable line per step. */
  onProgress?: (message: string) => void;
}

/**
 * Fill in a build's man pages when they are missing: Debian's `libssl-doc` of exactly the
 * build's version, from the suites the build came from, is downloaded, extracted, its man3 pages
 * turned into text and published into `docs/` in one rename. Nothing is downloaded when the
 * pages are there. `undefined` (with a progress line) when the suites hold no `libssl-doc` of
 * that version: a build without pages is still a build.
 *
 * @example
 * ```ts
 * import { fetchBuildDocs } from "./fetch_docs.ts";
 * import { readBuildManifest } from "./fetch_manifest.ts";
 * import { debianArchiveUrl } from "../debian/mod.ts";
 * const build = (await readBuildManifest("/tmp/cache", "3.0"))!;
 * const docs = await fetchBuildDocs({ label: "3.0", family: "3.0" }, build, {
 *   cache: "/tmp/cache", archiveUrl: () => debianArchiveUrl(), updated: new Set(),
 * });
 * console.log(docs?.pages);
 * ```
 */
export async function fetchBuildDocs(
  target: FetchTarget,
  build: OpensslBuild,
  options: FetchBuildDocsOptions,
): Promise<DocsSource | undefined> {
  const progress = options.onProgress ?? (() => {});
  const final = docsDir(options.cache, target.label);
  const existing = await openDocs(final);
  if (existing) return existing.source;
  const suites = targetSuites(target);
  const what = `OpenSSL ${target.label} man pages`;
  const apt = await aptFor(suites, {
    cache: options.cache,
    archiveUrl: await options.archiveUrl(),
    updated: options.updated,
    what,
    signal: options.signal,
    onProgress: progress,
  });
  const versions = await apt.madison(["libssl-doc"], { signal: options.signal });
  const match = versions.find((v) => upstreamVersion(v.version) === build.id);
  if (!match) {
    progress(
      `${target.label}: no libssl-doc ${build.id} in ${suites.join(", ")} (they hold ${
        versions.map((v) => v.version).join(", ") || "none"
      }); the build has no man pages`,
    );
    return undefined;
  }
  const tmp = await Deno.makeTempDir({
    dir: buildDir(options.cache, target.label),
    prefix: ".docs-",
  });
  try {
    progress(`${target.label}: apt-get download libssl-doc=${match.version} (${match.from})`);
    const debs = await apt.download([`libssl-doc=${match.version}`], `${tmp}/debs`, {
      signal: options.signal,
      what,
    });
    await extractDebs(debs, `${tmp}/x`, { signal: options.signal });
    const set = await readManDir(`${tmp}/x/usr/share/man/man3`);
    const source = await writeDocs(`${tmp}/docs`, set, {
      package: "libssl-doc",
      version: match.version,
    });
    try {
      await Deno.rename(`${tmp}/docs`, final);
    } catch (e) {
      // Another fetch published them first: theirs are the same pages.
      const theirs = await openDocs(final);
      if (!theirs) throw e;
      return theirs.source;
    }
    progress(`${target.label}: ${source.pages} man pages (+${source.links} links) as text`);
    return source;
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}
