/**
 * Debian packages under a private apt state, for every implementation the harness fetches
 * (OpenSSL, BoringSSL, wolfSSL, GnuTLS): the host's apt sources read without apt, a private
 * state per suite set (its own sources file, lists, cache and empty status file: the host's
 * packages are never touched and signatures are still checked), `apt-cache madison`,
 * `apt-get download` of exact versions, `dpkg -x`, and trixie's dynamic loader for builds that
 * need a newer glibc than the host's.
 *
 * @example
 * ```ts
 * import { debianArchiveUrl, fetchPackageSets, loaderLaunch, loaderLayout } from "./mod.ts";
 * const archiveUrl = await debianArchiveUrl();
 * await fetchPackageSets([
 *   { suite: "trixie", packages: ["android-libboringssl"], into: "root" },
 *   { suite: "trixie", packages: ["libc6"], into: "libc6" },
 * ], "/tmp/boringssl", { cache: "/tmp/cache", archiveUrl, what: "BoringSSL 14" });
 * const launch = loaderLaunch(loaderLayout("/tmp/boringssl/libc6"), [], Deno.execPath());
 * console.log(launch.command, launch.args);
 * ```
 *
 * @module
 */
export {
  type AptSource,
  archiveForSuite,
  DEBIAN_KEYRING,
  type DebianArchiveOptions,
  debianArchiveUrl,
  parseDeb822Sources,
  parseSourcesList,
  pickDebianArchive,
  readHostSources,
  sourcesLine,
} from "./apt_sources.ts";
export {
  type AptVersion,
  openPrivateApt,
  parseMadison,
  type PrivateApt,
  type PrivateAptOptions,
  requireAptTools,
  stateName,
  upstreamVersion,
} from "./private_apt.ts";
export { extractDebs, type ExtractOptions } from "./extract.ts";
export {
  aptFor,
  fetchPackageSets,
  type FetchPackageSetsOptions,
  type PackageSet,
} from "./package_sets.ts";
export {
  isLoader,
  loaderLaunch,
  type LoaderLayout,
  loaderLayout,
  MULTIARCH,
  TRIXIE_LIBC6,
} from "./trixie_loader.ts";
