/**
 * Fetching sets of Debian packages into folders: the step every implementation's fetch shares
 * (OpenSSL, BoringSSL, wolfSSL, GnuTLS all come from Debian's archive the same way).
 *
 * @module
 */
import { extractDebs } from "./extract.ts";
import { openPrivateApt, type PrivateApt, stateName } from "./private_apt.ts";

/** Debian packages from some suites, extracted into one folder of a build. */
export interface PackageSet {
  /** The Debian suite to take them from ("bullseye", "trixie", "sid", "experimental"…). */
  suite: string;
  /**
   * More suites searched together with `suite` (e.g. "bookworm-updates", "bookworm-security"
   * for a point release). @default {[]}
   */
  alsoSuites?: readonly string[];
  /** Package names, or `name=version` for an exact version. */
  packages: readonly string[];
  /** The folder, under the build directory, they are extracted into ("root", "libc6"…). */
  into: string;
}

/** Options for {@linkcode fetchPackageSets}. */
export interface FetchPackageSetsOptions {
  /** The cache folder holding the private apt states (`<cache>/apt/…`). */
  cache: string;
  /** The Debian archive URL. */
  archiveUrl: string;
  /**
   * States already updated in this process (by {@linkcode stateName}): each is updated once
   * per fetch. Pass the same set to several calls to share it. @default {new Set()}
   */
  updated?: Set<string>;
  /** What the packages are for, in messages ("OpenSSL 3.5"). */
  what: string;
  /** Appended to errors: what the user can do instead. */
  hint?: string;
  /** Aborting stops the fetch. */
  signal?: AbortSignal;
  /** Called with one human-readable line per step. */
  onProgress?: (message: string) => void;
}

/**
 * The private apt state of a package set's suites, updated once per `updated` set.
 *
 * @example
 * ```ts
 * import { aptFor } from "./package_sets.ts";
 * const apt = await aptFor(["bookworm", "bookworm-updates"], {
 *   cache: "/tmp/cache", archiveUrl: "http://mirror.example/debian", what: "OpenSSL 3.0.17",
 * });
 * console.log(await apt.madison(["openssl"]));
 * ```
 */
export async function aptFor(
  suites: readonly string[],
  options: FetchPackageSetsOptions,
): Promise<PrivateApt> {
  const apt = await openPrivateApt(options.cache, suites, {
    archiveUrl: options.archiveUrl,
    hint: options.hint,
  });
  const updated = options.updated ?? new Set<string>();
  const name = stateName(suites);
  if (!updated.has(name)) {
    options.onProgress?.(`${options.what}: apt-get update (${suites.join(", ")}, private lists)`);
    await apt.update({ signal: options.signal, what: options.what });
    updated.add(name);
  }
  return apt;
}

/**
 * Download each set with apt-get under its private state and extract it with `dpkg -x` into
 * `<dir>/<set.into>`; the downloaded `.deb` files are removed afterwards.
 *
 * @example
 * ```ts
 * import { fetchPackageSets } from "./package_sets.ts";
 * await fetchPackageSets([{ suite: "trixie", packages: ["libc6"], into: "libc6" }], "/tmp/b", {
 *   cache: "/tmp/cache", archiveUrl: "http://mirror.example/debian", what: "a loader",
 * });
 * ```
 */
export async function fetchPackageSets(
  sets: readonly PackageSet[],
  dir: string,
  options: FetchPackageSetsOptions,
): Promise<void> {
  const updated = options.updated ?? new Set<string>();
  for (const [i, set] of sets.entries()) {
    const suites = [set.suite, ...(set.alsoSuites ?? [])];
    const apt = await aptFor(suites, { ...options, updated });
    const debsDir = `${dir}/debs/${i}`;
    options.onProgress?.(
      `${options.what}: apt-get download ${set.packages.join(" ")} (${suites.join(", ")})`,
    );
    const debs = await apt.download([...set.packages], debsDir, {
      signal: options.signal,
      what: options.what,
    });
    await extractDebs(debs, `${dir}/${set.into}`, { signal: options.signal, hint: options.hint });
  }
  await Deno.remove(`${dir}/debs`, { recursive: true }).catch(() => {});
}
