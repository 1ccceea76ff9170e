import {
  aptFor,
  debianArchiveUrl,
  fetchPackageSets,
  requireAptTools,
  upstreamVersion,
} from "../debian/mod.ts";
import type { OpensslBuild } from "./build.ts";
import { cacheDir as defaultCacheDir } from "../cache_dir/mod.ts";
import { checkFfi, checkVersion, opensslVersion } from "./fetch_check.ts";
import { fetchBuildDocs } from "./fetch_docs.ts";
import {
  buildDir,
  buildLayout,
  cachedLabels,
  libraryNames,
  manifestFor,
  readBuildManifest,
} from "./fetch_manifest.ts";
import {
  BUILD_RECIPES,
  type FetchLabel,
  type FetchTarget,
  fetchTargets,
  POINT_RELEASE_SUITES,
  pointReleaseFamily,
} from "./fetch_recipes.ts";

export { buildDir, cachedLabels, readBuildManifest } from "./fetch_manifest.ts";
export {
  BUILD_RECIPES,
  type BuildRecipe,
  FETCHABLE_LABELS,
  type FetchLabel,
  type PackageSet,
  POINT_RELEASE_SUITES,
} from "./fetch_recipes.ts";
export { docsDir } from "./fetch_docs.ts";
// Moved to harness/debian/; still exported here for the callers written before the move.
export {
  type AptSource,
  debianArchiveUrl,
  parseDeb822Sources,
  parseSourcesList,
  pickDebianArchive,
  sourcesLine,
} from "../debian/mod.ts";

/** What users can do when a fetch cannot work here. */
const HINT = "Pass your own build with --openssl PATH";

/** Options for {@linkcode fetchBuilds} and {@linkcode fetchDocs}. */
export interface FetchOptions {
  /** Cache directory. @default {cacheDir()} */
  cacheDir?: string;
  /**
   * Debian archive URL. @default {$TLS_HARNESS_DEBIAN_ARCHIVE, else the first Debian archive
   * in the host's apt sources}
   */
  archiveUrl?: string;
  /**
   * Also fetch each build's man pages (`libssl-doc` of the same version) when they are
   * missing. @default {true}
   */
  docs?: boolean;
  /** Aborting stops the fetch (the cache is left as it was). */
  signal?: AbortSignal;
  /** Called with one human-readable line per step. */
  onProgress?: (message: string) => void;
}

/** State one fetch shares between its builds: each private apt state is updated once. */
interface Session {
  cache: string;
  updated: Set<string>;
  archiveUrl: () => Promise<string>;
  options: FetchOptions;
}

function session(options: FetchOptions): Session {
  let archive: Promise<string> | undefined;
  return {
    cache: defaultCacheDir(options.cacheDir),
    updated: new Set(),
    archiveUrl: () =>
      archive ??= options.archiveUrl
        ? Promise.resolve(options.archiveUrl)
        : debianArchiveUrl({ hint: HINT.toLowerCase() }),
    options,
  };
}

/**
 * Download OpenSSL builds from Debian's archive into the cache and return their manifests.
 *
 * A spec is a family label (`"3.5"`: the version its suite holds now), `"all"` (every family),
 * or an exact point release (`"3.0.17"`: any version that bookworm, bookworm-updates or
 * bookworm-security hold, cached as its own build beside the family's). Each build is fetched
 * with apt-get under a private state (the host's packages are never touched, and apt still
 * checks the archive's signatures), extracted with `dpkg -x` into a temp folder, checked (its
 * `openssl version` runs and a Deno process started as {@linkcode OpensslBuild.ffiLaunch} can
 * `dlopen` its libssl), then renamed into `<cache>/builds/<label>` — so a crash or a concurrent
 * fetch never leaves a half-written build behind. A build already in the cache costs no network:
 * its binary is run once to check it still works. With `docs` (the default) each build's man
 * pages are filled in when missing (see {@linkcode fetchDocs}).
 *
 * @param versions Family labels, exact point releases, or "all".
 * @throws {RangeError} for a spec that names no fetchable version, before anything is done.
 * @example
 * ```ts
 * import { fetchBuilds } from "./fetch.ts";
 * const builds = await fetchBuilds(["1.1.1", "3.0.17"], { onProgress: (m) => console.log(m) });
 * console.log(builds.map((b) => `${b.id}: ${b.version}`));
 * ```
 */
export async function fetchBuilds(
  versions: string[],
  options: FetchOptions = {},
): Promise<OpensslBuild[]> {
  const targets = fetchTargets(versions);
  const s = session(options);
  const builds: OpensslBuild[] = [];
  for (const target of targets) {
    let build = await cachedBuild(target, s);
    if (!build) build = await fetchOne(target, s);
    builds.push(build);
    if (options.docs !== false) await docsFor(target, build, s);
  }
  return builds;
}

/**
 * Fill in the man pages of builds already in the cache (Debian's `libssl-doc` of each build's
 * exact version, kept as text in `<cache>/builds/<label>/docs`). Builds whose pages are there
 * cost nothing; builds not in the cache are an error (fetch them first).
 *
 * @param versions Family labels, exact point releases, or "all" (every cached build).
 * @returns The builds whose pages are now in the cache.
 * @example
 * ```ts
 * import { fetchDocs } from "./fetch.ts";
 * console.log((await fetchDocs(["all"])).map((b) => b.id));
 * ```
 */
export async function fetchDocs(
  versions: string[],
  options: FetchOptions = {},
): Promise<OpensslBuild[]> {
  const s = session(options);
  const targets = fetchTargets(versions);
  const all = versions.includes("all");
  const out: OpensslBuild[] = [];
  for (const target of targets) {
    const build = await readBuildManifest(s.cache, target.label);
    if (!build) {
      if (all) continue;
      throw new Error(
        `OpenSSL ${target.label} is not in the cache: fetch it first with ` +
          `"deno task harness openssl fetch ${target.label}"`,
      );
    }
    if (await docsFor(target, build, s)) out.push(build);
  }
  if (all) {
    // Point releases fetched earlier are cached builds too.
    for (const label of await cachedLabels(s.cache)) {
      if (targets.some((t) => t.label === label) || !pointReleaseFamily(label)) continue;
      const build = await readBuildManifest(s.cache, label);
      if (build && await docsFor(fetchTargets([label])[0], build, s)) out.push(build);
    }
  }
  return out;
}

/**
 * The versions of a family that its point-release suites hold now (`apt-cache madison openssl`
 * under the private state), oldest first.
 *
 * @example
 * ```ts
 * import { pointReleases } from "./fetch.ts";
 * console.log(await pointReleases("3.0")); // e.g. ["3.0.17", "3.0.20", "3.0.22"]
 * ```
 */
export async function pointReleases(
  family: FetchLabel,
  options: FetchOptions = {},
): Promise<string[]> {
  const s = session(options);
  return (await pointVersions(family, s)).map((v) => v.upstream);
}

async function pointVersions(
  family: FetchLabel,
  s: Session,
): Promise<{ upstream: string; debian: string; from: string }[]> {
  const suites = POINT_RELEASE_SUITES[family];
  if (!suites) return [];
  const apt = await aptFor(suites, {
    cache: s.cache,
    archiveUrl: await s.archiveUrl(),
    updated: s.updated,
    what: `OpenSSL ${family} point releases`,
    hint: HINT,
    signal: s.options.signal,
    onProgress: s.options.onProgress,
  });
  const lines = await apt.madison(["openssl"], { signal: s.options.signal });
  return lines.map((l) => ({
    upstream: upstreamVersion(l.version),
    debian: l.version,
    from: l.from,
  }))
    .sort((a, b) => a.upstream.localeCompare(b.upstream, "en", { numeric: true }));
}

/** A working cached build for a target, or undefined (a broken one is removed). */
async function cachedBuild(target: FetchTarget, s: Session): Promise<OpensslBuild | undefined> {
  const progress = s.options.onProgress ?? (() => {});
  const signal = s.options.signal;
  const existing = await readBuildManifest(s.cache, target.label);
  if (!existing && target.exact) {
    // The family's build may be this very version: no second copy of it.
    const family = await readBuildManifest(s.cache, target.family);
    if (family?.id === target.exact && !(await checkVersion(family, signal))) {
      progress(`${target.label}: cached as the ${target.family} build (${family.version})`);
      return family;
    }
  }
  if (!existing) return undefined;
  const problem = await checkVersion(existing, signal);
  if (!problem) {
    progress(`${target.label}: cached ${existing.id} (${existing.version})`);
    return existing;
  }
  progress(`${target.label}: cached build is broken (${problem}); fetching it again`);
  await Deno.remove(buildDir(s.cache, target.label), { recursive: true }).catch(() => {});
  return undefined;
}

/** Fetch a build's pages, reporting (not throwing) a failure: a build without pages still runs. */
async function docsFor(target: FetchTarget, build: OpensslBuild, s: Session): Promise<boolean> {
  try {
    return (await fetchBuildDocs(target, build, {
      cache: s.cache,
      archiveUrl: s.archiveUrl,
      updated: s.updated,
      signal: s.options.signal,
      onProgress: s.options.onProgress,
    })) !== undefined;
  } catch (e) {
    if (s.options.signal?.aborted) throw e;
    s.options.onProgress?.(`${target.label}: man pages not fetched: ${(e as Error).message}`);
    return false;
  }
}

async function fetchOne(target: FetchTarget, s: Session): Promise<OpensslBuild> {
  const { label } = target;
  const progress = s.options.onProgress ?? (() => {});
  const signal = s.options.signal;
  const started = performance.now();
  await requireAptTools({ what: `fetch OpenSSL ${label}`, hint: HINT.toLowerCase(), signal });
  const recipe = BUILD_RECIPES[target.family];
  let sets = recipe.sets;
  if (target.exact) {
    const available = await pointVersions(target.family, s);
    const hit = available.find((v) => v.upstream === target.exact);
    if (!hit) {
      throw new RangeError(
        `OpenSSL ${target.exact} is not in ${POINT_RELEASE_SUITES[target.family]!.join(", ")}: ` +
          `they hold ${available.map((v) => v.upstream).join(", ") || "no openssl"}`,
      );
    }
    // The same Debian version of every package of the first set (openssl and its libssl come
    // from one source package); the point-release suites are searched together.
    const suites = POINT_RELEASE_SUITES[target.family]!;
    sets = [
      {
        ...sets[0],
        suite: suites[0],
        alsoSuites: suites.slice(1),
        packages: sets[0].packages.map((p) => `${p}=${hit.debian}`),
      },
      ...sets.slice(1),
    ];
  }
  await Deno.mkdir(`${s.cache}/builds`, { recursive: true });
  const tmp = await Deno.makeTempDir({ dir: `${s.cache}/builds`, prefix: `.fetch-${label}-` });
  const final = buildDir(s.cache, label);
  try {
    await fetchPackageSets(sets, tmp, {
      cache: s.cache,
      archiveUrl: await s.archiveUrl(),
      updated: s.updated,
      what: `OpenSSL ${label}`,
      hint: HINT,
      signal,
      onProgress: progress,
    });
    const names = await libraryNames(buildLayout(tmp).sslLibs);
    const probe = manifestFor(label, tmp, { ...names, version: "", loader: recipe.loader });
    const version = await opensslVersion(probe.launch, label, signal);
    const inTmp = manifestFor(label, tmp, { ...names, version, loader: recipe.loader });
    const libVersion = await checkFfi(inTmp, signal);
    progress(`${label}: ${version}; FFI sees "${libVersion}"`);

    const build = manifestFor(label, final, { ...names, version, loader: recipe.loader });
    await Deno.writeTextFile(`${tmp}/build.json`, JSON.stringify(build, null, 2) + "\n");
    try {
      await Deno.rename(tmp, final);
    } catch (e) {
      // Another fetch published the same label first: theirs is as good as ours.
      const theirs = await readBuildManifest(s.cache, label);
      if (!theirs) throw e;
      progress(`${label}: another fetch finished first; using its copy`);
      return theirs;
    }
    const problem = await checkVersion(build, signal);
    if (problem) throw new Error(`The fetched OpenSSL ${label} does not run: ${problem}`);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    progress(`${label}: fetched ${build.id} into ${final} in ${seconds} s`);
    return build;
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}
