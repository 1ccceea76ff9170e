import { ProcessError, run } from "../process/mod.ts";
import type { OpensslBuild } from "./build.ts";
import { cacheDir as defaultCacheDir } from "./cache_dir.ts";

/**
 * The version labels {@linkcode fetchBuilds} knows how to get, oldest first.
 *
 * @example
 * ```ts
 * import { FETCHABLE_LABELS } from "./fetch.ts";
 * console.log(FETCHABLE_LABELS.join(", ")); // 1.1.1, 3.0, 3.5, 3.6, 4.0
 * ```
 */
export const FETCHABLE_LABELS = ["1.1.1", "3.0", "3.5", "3.6", "4.0"] as const;

/** One of {@linkcode FETCHABLE_LABELS}. */
export type FetchLabel = typeof FETCHABLE_LABELS[number];

/** A set of Debian packages from one suite, extracted into one folder of a build. */
export interface PackageSet {
  /** Debian suite to take them from ("bullseye", "trixie", "sid", "experimental"…). */
  suite: string;
  /** Binary package names. */
  packages: string[];
  /** Folder under the build directory they are extracted into. */
  into: "root" | "libc6";
}

/** How one version label is put together from Debian's archive. */
export interface BuildRecipe {
  /** The package sets; the first holds the `openssl` binary. */
  sets: PackageSet[];
  /**
   * Whether the build must run under the dynamic loader of the extracted `libc6` (it needs a
   * newer glibc than the host's).
   */
  loader: boolean;
}

/**
 * Where each version comes from. Builds from trixie and later need glibc ≥ 2.38, which bookworm
 * lacks, so they carry trixie's `libc6` and run under its loader; trixie's libzstd/zlib come
 * along because bookworm's libzstd is older than libcrypto asks for.
 *
 * @example
 * ```ts
 * import { BUILD_RECIPES } from "./fetch.ts";
 * console.log(BUILD_RECIPES["3.5"].sets.map((s) => `${s.suite}: ${s.packages.join(" ")}`));
 * ```
 */
export const BUILD_RECIPES: Readonly<Record<FetchLabel, BuildRecipe>> = {
  "1.1.1": {
    sets: [{ suite: "bullseye", packages: ["openssl", "libssl1.1"], into: "root" }],
    loader: false,
  },
  "3.0": {
    sets: [{ suite: "bookworm", packages: ["openssl", "libssl3"], into: "root" }],
    loader: false,
  },
  "3.5": {
    sets: [
      { suite: "trixie", packages: ["openssl", "libssl3t64", "libzstd1", "zlib1g"], into: "root" },
      { suite: "trixie", packages: ["libc6"], into: "libc6" },
    ],
    loader: true,
  },
  "3.6": {
    sets: [
      { suite: "sid", packages: ["openssl", "libssl3t64"], into: "root" },
      { suite: "trixie", packages: ["libzstd1", "zlib1g"], into: "root" },
      { suite: "trixie", packages: ["libc6"], into: "libc6" },
    ],
    loader: true,
  },
  "4.0": {
    sets: [
      { suite: "experimental", packages: ["openssl", "libssl4"], into: "root" },
      { suite: "trixie", packages: ["libzstd1", "zlib1g"], into: "root" },
      { suite: "trixie", packages: ["libc6"], into: "libc6" },
    ],
    loader: true,
  },
};

const MULTIARCH = "usr/lib/x86_64-linux-gnu";
const KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";
const UPDATE_TIMEOUT_MS = 180_000;
const DOWNLOAD_TIMEOUT_MS = 300_000;
const CHECK_TIMEOUT_MS = 30_000;

/** Options for {@linkcode fetchBuilds}. */
export interface FetchOptions {
  /** Cache directory. @default {cacheDir()} */
  cacheDir?: string;
  /**
   * Debian archive URL. @default {$TLS_HARNESS_DEBIAN_ARCHIVE, else the first Debian archive
   * in the host's apt sources}
   */
  archiveUrl?: string;
  /** Aborting stops the fetch (the cache is left as it was). */
  signal?: AbortSignal;
  /** Called with one human-readable line per step. */
  onProgress?: (message: string) => void;
}

/**
 * Download OpenSSL builds from Debian's archive into the cache and return their manifests.
 *
 * Each label is fetched with apt-get under a private state (its own sources file, lists,
 * archive cache and an empty status file: the host's packages are never touched, and apt still
 * checks the archive's signatures), extracted with `dpkg -x` into a temp folder, checked (its
 * `openssl version` runs and a Deno process started as {@linkcode OpensslBuild.ffiLaunch} can
 * `dlopen` its libssl), then renamed into `<cache>/builds/<label>` — so a crash or a concurrent
 * fetch never leaves a half-written build behind. A label already in the cache costs no network:
 * its binary is run once to check it still works.
 *
 * @param versions Labels from {@linkcode FETCHABLE_LABELS}, or "all".
 * @example
 * ```ts
 * import { fetchBuilds } from "./fetch.ts";
 * const builds = await fetchBuilds(["1.1.1", "3.5"], { onProgress: (m) => console.log(m) });
 * console.log(builds.map((b) => `${b.id}: ${b.version}`));
 * ```
 */
export async function fetchBuilds(
  versions: string[],
  options: FetchOptions = {},
): Promise<OpensslBuild[]> {
  const labels = expandLabels(versions);
  const cache = defaultCacheDir(options.cacheDir);
  const progress = options.onProgress ?? (() => {});
  const updated = new Set<string>();
  const builds: OpensslBuild[] = [];
  for (const label of labels) {
    const existing = await readBuildManifest(cache, label);
    if (existing) {
      const problem = await checkVersion(existing, options.signal);
      if (!problem) {
        progress(`${label}: cached ${existing.id} (${existing.version})`);
        builds.push(existing);
        continue;
      }
      progress(`${label}: cached build is broken (${problem}); fetching it again`);
      await Deno.remove(buildDir(cache, label), { recursive: true }).catch(() => {});
    }
    builds.push(await fetchOne(label, cache, updated, options));
  }
  return builds;
}

/**
 * The folder of one fetched build: `<cache>/builds/<label>`.
 *
 * @example
 * ```ts
 * import { buildDir } from "./fetch.ts";
 * console.log(buildDir("/tmp/cache", "3.5")); // /tmp/cache/builds/3.5
 * ```
 */
export function buildDir(cache: string, label: string): string {
  return `${cache}/builds/${label}`;
}

/**
 * Read `<cache>/builds/<label>/build.json`; `undefined` when the label was never fetched.
 *
 * @example
 * ```ts
 * import { readBuildManifest } from "./fetch.ts";
 * import { cacheDir } from "./cache_dir.ts";
 * console.log(await readBuildManifest(cacheDir(), "3.5"));
 * ```
 */
export async function readBuildManifest(
  cache: string,
  label: string,
): Promise<OpensslBuild | undefined> {
  const file = `${buildDir(cache, label)}/build.json`;
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(`Invalid build manifest "${file}": ${(e as Error).message}`, {
      cause: e,
    });
  }
  const b = value as OpensslBuild;
  if (
    typeof b?.id !== "string" || typeof b.version !== "string" || typeof b.path !== "string" ||
    typeof b.launch?.command !== "string" || !Array.isArray(b.launch.args)
  ) {
    throw new SyntaxError(
      `Invalid build manifest "${file}": expected an object with id, version, path and launch`,
    );
  }
  return withCurrentDeno(b);
}

/**
 * The manifest records the Deno binary that fetched it; point `ffiLaunch` at the one running now,
 * so upgrading or moving Deno does not break FFI. (Under a foreign loader `Deno.execPath()` is
 * the loader itself, which would be useless here: then the manifest is left as it is.)
 */
function withCurrentDeno(b: OpensslBuild): OpensslBuild {
  const deno = Deno.execPath();
  const f = b.ffiLaunch;
  if (!f || /\/ld-linux[^/]*\.so[^/]*$/.test(deno)) return b;
  if (f.args.length === 0) return { ...b, ffiLaunch: { ...f, command: deno } };
  if (f.args.length > 0 && f.args[0] === "--library-path") {
    return { ...b, ffiLaunch: { ...f, args: [...f.args.slice(0, -1), deno] } };
  }
  return b;
}

function expandLabels(versions: string[]): FetchLabel[] {
  const out = new Set<FetchLabel>();
  for (const v of versions) {
    if (v === "all") {
      for (const l of FETCHABLE_LABELS) out.add(l);
    } else if ((FETCHABLE_LABELS as readonly string[]).includes(v)) {
      out.add(v as FetchLabel);
    } else {
      throw new RangeError(
        `Unknown OpenSSL version to fetch: "${v}": expected one of ${
          FETCHABLE_LABELS.map((l) => `"${l}"`).join(", ")
        } or "all"`,
      );
    }
  }
  return FETCHABLE_LABELS.filter((l) => out.has(l));
}

/** Paths of one build laid out under `base` (a temp folder first, then its final place). */
function layout(base: string) {
  const root = `${base}/root`;
  const libc6 = `${base}/libc6`;
  return {
    root,
    libc6,
    binary: `${root}/usr/bin/openssl`,
    sslLibs: `${root}/${MULTIARCH}`,
    libcLibs: `${libc6}/${MULTIARCH}`,
    loader: `${libc6}/${MULTIARCH}/ld-linux-x86-64.so.2`,
  };
}

/** The manifest of a build laid out under `base`; `version` is filled in by the caller. */
function manifestFor(
  label: FetchLabel,
  base: string,
  names: { libssl: string; libcrypto: string },
  version: string,
): OpensslBuild {
  const l = layout(base);
  const deno = Deno.execPath();
  const libssl = `${l.sslLibs}/${names.libssl}`;
  const libcrypto = `${l.sslLibs}/${names.libcrypto}`;
  const id = /^OpenSSL (\S+)/.exec(version)?.[1] ?? label;
  if (BUILD_RECIPES[label].loader) {
    const libraryPath = `${l.sslLibs}:${l.libcLibs}`;
    return {
      id,
      version,
      path: l.binary,
      source: "fetched",
      launch: { command: l.loader, args: ["--library-path", libraryPath, l.binary], env: {} },
      libssl,
      libcrypto,
      ffiLaunch: { command: l.loader, args: ["--library-path", libraryPath, deno], env: {} },
    };
  }
  return {
    id,
    version,
    path: l.binary,
    source: "fetched",
    launch: { command: l.binary, args: [], env: { LD_LIBRARY_PATH: l.sslLibs } },
    libssl,
    libcrypto,
    ffiLaunch: { command: deno, args: [], env: { LD_LIBRARY_PATH: l.sslLibs } },
  };
}

/** Run `openssl version` through the build's launch; a problem description, or undefined. */
async function checkVersion(
  build: OpensslBuild,
  signal?: AbortSignal,
): Promise<string | undefined> {
  try {
    const r = await run(build.launch.command, {
      args: [...build.launch.args, "version"],
      env: build.launch.env,
      timeoutMs: CHECK_TIMEOUT_MS,
      signal,
    });
    if (r.code !== 0) return `"openssl version" exited with ${r.code}: ${r.stderr.trim()}`;
    if (r.stdout.trim() !== build.version) {
      return `"openssl version" printed "${r.stdout.trim()}", expected "${build.version}"`;
    }
    return undefined;
  } catch (e) {
    if (signal?.aborted) throw e;
    return (e as Error).message;
  }
}

/**
 * Check that a Deno process started as the build's `ffiLaunch` can dlopen its libssl and call
 * into it; returns the library's own version text.
 */
async function checkFfi(build: OpensslBuild, signal?: AbortSignal): Promise<string> {
  const f = build.ffiLaunch!;
  const code = `
    const lib = Deno.dlopen(${JSON.stringify(build.libssl)}, {
      OpenSSL_version: { parameters: ["i32"], result: "pointer" },
      SSL_SESSION_new: { parameters: [], result: "pointer" },
      SSL_SESSION_free: { parameters: ["pointer"], result: "void" },
    });
    const s = lib.symbols.SSL_SESSION_new();
    if (s === null) throw new Error("SSL_SESSION_new returned NULL");
    lib.symbols.SSL_SESSION_free(s);
    console.log(Deno.UnsafePointerView.getCString(lib.symbols.OpenSSL_version(0)));
  `;
  const r = await run(f.command, {
    args: [...f.args, "eval", "--no-config", code],
    env: { ...f.env, DENO_NO_UPDATE_CHECK: "1" },
    timeoutMs: CHECK_TIMEOUT_MS,
    signal,
  });
  if (r.code !== 0) {
    throw new ProcessError(
      `Deno cannot dlopen "${build.libssl}" through the build's ffiLaunch (exit code ${r.code})`,
      { command: r.argv.join(" "), code: r.code, stdout: r.stdout, stderr: r.stderr },
    );
  }
  return r.stdout.trim();
}

async function fetchOne(
  label: FetchLabel,
  cache: string,
  updated: Set<string>,
  options: FetchOptions,
): Promise<OpensslBuild> {
  const progress = options.onProgress ?? (() => {});
  const signal = options.signal;
  const started = performance.now();
  await requireTools(label, signal);
  const archive = options.archiveUrl ?? await debianArchiveUrl();
  await Deno.mkdir(`${cache}/builds`, { recursive: true });
  const tmp = await Deno.makeTempDir({ dir: `${cache}/builds`, prefix: `.fetch-${label}-` });
  const final = buildDir(cache, label);
  try {
    const recipe = BUILD_RECIPES[label];
    for (const [i, set] of recipe.sets.entries()) {
      const apt = await privateApt(cache, set.suite, archive);
      if (!updated.has(set.suite)) {
        progress(`${label}: apt-get update (${set.suite}, private lists)`);
        await aptUpdate(apt, label, set.suite, archive, signal);
        updated.add(set.suite);
      }
      const debs = `${tmp}/debs/${i}`;
      await Deno.mkdir(debs, { recursive: true });
      progress(`${label}: apt-get download ${set.packages.join(" ")} (${set.suite})`);
      await aptRun(apt, ["download", ...set.packages], {
        cwd: debs,
        timeoutMs: DOWNLOAD_TIMEOUT_MS,
        signal,
        what: `download ${set.packages.join(", ")} from "${set.suite}" for OpenSSL ${label}`,
      });
      for await (const entry of Deno.readDir(debs)) {
        if (!entry.name.endsWith(".deb")) continue;
        await aptTool("dpkg", ["-x", `${debs}/${entry.name}`, `${tmp}/${set.into}`], {
          timeoutMs: 60_000,
          signal,
          what: `extract "${entry.name}"`,
        });
      }
    }
    await Deno.remove(`${tmp}/debs`, { recursive: true });

    const names = await libraryNames(layout(tmp).sslLibs);
    const probe = manifestFor(label, tmp, names, "");
    const v = await run(probe.launch.command, {
      args: [...probe.launch.args, "version"],
      env: probe.launch.env,
      timeoutMs: CHECK_TIMEOUT_MS,
      signal,
    });
    if (v.code !== 0) {
      throw new Error(
        `The fetched OpenSSL ${label} does not run (exit code ${v.code}): ${v.stderr.trim()}`,
      );
    }
    const version = v.stdout.trim();
    const inTmp = manifestFor(label, tmp, names, version);
    const libVersion = await checkFfi(inTmp, signal);
    progress(`${label}: ${version}; FFI sees "${libVersion}"`);

    const build = manifestFor(label, final, names, version);
    await Deno.writeTextFile(`${tmp}/build.json`, JSON.stringify(build, null, 2) + "\n");
    try {
      await Deno.rename(tmp, final);
    } catch (e) {
      // Another fetch published the same label first: theirs is as good as ours.
      const theirs = await readBuildManifest(cache, label);
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

/** The versioned libssl / libcrypto file names in a folder (e.g. libssl.so.3). */
async function libraryNames(dir: string): Promise<{ libssl: string; libcrypto: string }> {
  let libssl: string | undefined;
  let libcrypto: string | undefined;
  for await (const e of Deno.readDir(dir)) {
    if (/^libssl\.so\.\d[\d.]*$/.test(e.name)) libssl = e.name;
    if (/^libcrypto\.so\.\d[\d.]*$/.test(e.name)) libcrypto = e.name;
  }
  if (!libssl || !libcrypto) {
    throw new Error(`The fetched packages hold no libssl.so.N / libcrypto.so.N in "${dir}"`);
  }
  return { libssl, libcrypto };
}

async function requireTools(label: string, signal?: AbortSignal): Promise<void> {
  for (const tool of ["apt-get", "dpkg"]) {
    try {
      await run(tool, { args: ["--version"], timeoutMs: 10_000, signal });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new Error(
        `Cannot fetch OpenSSL ${label}: "${tool}" is not available on this host (fetching uses ` +
          `Debian's apt); pass your own build with --openssl PATH`,
        { cause: e },
      );
    }
  }
}

interface PrivateApt {
  suite: string;
  options: string[];
}

/** Create (or reuse) the private apt state of one suite under `<cache>/apt/<suite>`. */
async function privateApt(cache: string, suite: string, archive: string): Promise<PrivateApt> {
  const dir = `${cache}/apt/${suite}`;
  await Deno.mkdir(`${dir}/lists/partial`, { recursive: true });
  await Deno.mkdir(`${dir}/cache/archives/partial`, { recursive: true });
  await Deno.writeTextFile(`${dir}/status`, "");
  await Deno.writeTextFile(`${dir}/sources.list`, sourcesLine(archive, suite) + "\n");
  const options = [
    `Dir::Etc::SourceList=${dir}/sources.list`,
    "Dir::Etc::SourceParts=/dev/null",
    // Host pins must not change which version is the candidate.
    "Dir::Etc::Preferences=/dev/null",
    "Dir::Etc::PreferencesParts=/dev/null",
    `Dir::State::Lists=${dir}/lists`,
    `Dir::Cache=${dir}/cache`,
    `Dir::State::Status=${dir}/status`,
    "Acquire::Languages=none",
    // Without this, a failed download of an index is only a warning and exit code 0.
    "APT::Update::Error-Mode=any",
  ];
  // As root, apt drops to the "_apt" user, who cannot write into a private cache folder.
  if (Deno.uid() === 0) options.push("APT::Sandbox::User=root");
  return { suite, options: options.flatMap((o) => ["-o", o]) };
}

/**
 * The one-line sources file for a suite: signature checks stay on, against Debian's keyring.
 *
 * @example
 * ```ts
 * import { sourcesLine } from "./fetch.ts";
 * console.log(sourcesLine("http://mirror.example/debian", "trixie"));
 * ```
 */
export function sourcesLine(archive: string, suite: string): string {
  return `deb [signed-by=${KEYRING}] ${archive.replace(/\/+$/, "")} ${suite} main`;
}

async function aptUpdate(
  apt: PrivateApt,
  label: string,
  suite: string,
  archive: string,
  signal?: AbortSignal,
): Promise<void> {
  await aptRun(apt, ["update"], {
    timeoutMs: UPDATE_TIMEOUT_MS,
    signal,
    what: `update the package lists of "${suite}" from ${archive} for OpenSSL ${label} ` +
      `(is the archive reachable from here?)`,
  });
}

async function aptRun(
  apt: PrivateApt,
  args: string[],
  o: { cwd?: string; timeoutMs: number; signal?: AbortSignal; what: string },
): Promise<void> {
  await aptTool("apt-get", ["-q", ...apt.options, ...args], o);
}

async function aptTool(
  command: string,
  args: string[],
  o: { cwd?: string; timeoutMs: number; signal?: AbortSignal; what: string },
): Promise<void> {
  let detail: string;
  try {
    const r = await run(command, {
      args,
      cwd: o.cwd,
      timeoutMs: o.timeoutMs,
      signal: o.signal,
      env: { LC_ALL: "C" },
    });
    if (r.code === 0) return;
    const lines = (r.stderr + r.stdout).trim().split("\n").filter((l) => /^(E|W|Err):/.test(l));
    detail = (lines.length ? lines : r.stderr.trim().split("\n")).slice(-4).join("; ");
  } catch (e) {
    if (o.signal?.aborted) throw e;
    detail = (e as Error).message;
  }
  throw new Error(`Cannot ${o.what}: ${detail}. Pass your own build with --openssl PATH`);
}

/** One entry of an apt sources file (classic one-line or deb822 stanza). */
export interface AptSource {
  /** "deb" and/or "deb-src". */
  types: string[];
  /** Archive URLs. */
  uris: string[];
  /** Suites ("bookworm", "bookworm-updates", …). */
  suites: string[];
  /** Components ("main", …). */
  components: string[];
  /** The Signed-By keyring, if given. */
  signedBy?: string;
  /** False when the stanza says `Enabled: no`. */
  enabled: boolean;
}

/**
 * Parse a deb822 `.sources` file. Comment lines (`#`) are skipped without ending a stanza (the
 * commented-out snapshot URLs on these machines sit inside stanzas); continuation lines start
 * with a space or tab.
 *
 * @param file Named in errors.
 * @throws {SyntaxError} naming the file and line when a line is neither a field, a comment, a
 * continuation nor blank.
 * @example
 * ```ts
 * import { parseDeb822Sources } from "./fetch.ts";
 * const [s] = parseDeb822Sources("Types: deb\nURIs: http://mirror.example/debian\nSuites: trixie\n");
 * console.log(s.uris[0]);
 * ```
 */
export function parseDeb822Sources(text: string, file = "<sources>"): AptSource[] {
  const out: AptSource[] = [];
  let fields = new Map<string, string>();
  let last: string | undefined;
  const flush = () => {
    if (fields.size === 0) return;
    const words = (k: string) => (fields.get(k) ?? "").split(/\s+/).filter(Boolean);
    out.push({
      types: words("types"),
      uris: words("uris"),
      suites: words("suites"),
      components: words("components"),
      signedBy: fields.get("signed-by")?.trim() || undefined,
      enabled: !/^(no|false|0)$/i.test((fields.get("enabled") ?? "yes").trim()),
    });
    fields = new Map();
    last = undefined;
  };
  const lines = text.split("\n");
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") {
      flush();
      continue;
    }
    if (line.startsWith("#")) continue;
    if (/^[ \t]/.test(line)) {
      if (!last) {
        throw new SyntaxError(
          `${file}:${i + 1}: expected a "Field: value" line before a continuation line`,
        );
      }
      fields.set(last, `${fields.get(last)}\n${line.trim()}`);
      continue;
    }
    const m = /^([A-Za-z0-9-]+)\s*:(.*)$/.exec(line);
    if (!m) {
      throw new SyntaxError(`${file}:${i + 1}: expected "Field: value", found "${line}"`);
    }
    last = m[1].toLowerCase();
    fields.set(last, m[2].trim());
  }
  flush();
  return out;
}

/**
 * Parse a classic one-line-per-source `sources.list`
 * (`deb [options] URI suite component…`).
 *
 * @param file Named in errors.
 * @throws {SyntaxError} naming the file and line for a line that is not a source.
 * @example
 * ```ts
 * import { parseSourcesList } from "./fetch.ts";
 * const [s] = parseSourcesList("deb http://mirror.example/debian bookworm main\n");
 * console.log(s.suites); // ["bookworm"]
 * ```
 */
export function parseSourcesList(text: string, file = "<sources.list>"): AptSource[] {
  const out: AptSource[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const m = /^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)(.*)$/.exec(line);
    if (!m) {
      throw new SyntaxError(
        `${file}:${i + 1}: expected "deb [options] URI suite component…", found "${line}"`,
      );
    }
    const opts = new Map(
      (m[2] ?? "").trim().split(/\s+/).filter(Boolean).map((o) => {
        const eq = o.indexOf("=");
        return [o.slice(0, eq < 0 ? undefined : eq), eq < 0 ? "" : o.slice(eq + 1)] as const;
      }),
    );
    out.push({
      types: [m[1]],
      uris: [m[3]],
      suites: [m[4]],
      components: m[5].trim().split(/\s+/).filter(Boolean),
      signedBy: opts.get("signed-by"),
      enabled: true,
    });
  }
  return out;
}

const DEBIAN_SUITE =
  /^(buster|bullseye|bookworm|trixie|forky|duke|sid|stable|testing|unstable|oldstable|experimental)(-updates|-backports|-proposed-updates)?$/;

/**
 * The Debian archive URL among apt sources: the first enabled binary source that serves a Debian
 * suite (not a security or third-party repository) over http(s).
 *
 * @example
 * ```ts
 * import { parseDeb822Sources, pickDebianArchive } from "./fetch.ts";
 * const text = "Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm\n";
 * console.log(pickDebianArchive(parseDeb822Sources(text))); // http://mirror.example/debian
 * ```
 */
export function pickDebianArchive(sources: AptSource[]): string | undefined {
  for (const s of sources) {
    if (!s.enabled || !s.types.includes("deb")) continue;
    if (!s.suites.some((suite) => DEBIAN_SUITE.test(suite))) continue;
    const uri = s.uris.find((u) => /^https?:\/\//.test(u) && !/security/.test(u));
    if (uri) return uri.replace(/\/+$/, "");
  }
  return undefined;
}

/**
 * The Debian archive to fetch from: `$TLS_HARNESS_DEBIAN_ARCHIVE` if set, else the first Debian
 * archive in the host's apt sources (`/etc/apt/sources.list.d/*.sources`, `*.list`, and
 * `/etc/apt/sources.list`).
 *
 * @param options.aptDir The apt configuration folder. @default {"/etc/apt"}
 * @param options.getEnv Reads an environment variable. @default {Deno.env.get}
 * @example
 * ```ts
 * import { debianArchiveUrl } from "./fetch.ts";
 * console.log(await debianArchiveUrl());
 * ```
 */
export async function debianArchiveUrl(
  options: { aptDir?: string; getEnv?: (name: string) => string | undefined } = {},
): Promise<string> {
  const getEnv = options.getEnv ?? ((name: string) => Deno.env.get(name));
  const override = getEnv("TLS_HARNESS_DEBIAN_ARCHIVE");
  if (override) return override.replace(/\/+$/, "");
  const aptDir = options.aptDir ?? "/etc/apt";
  const sources: AptSource[] = [];
  const partsDir = `${aptDir}/sources.list.d`;
  const parts: string[] = [];
  try {
    for await (const e of Deno.readDir(partsDir)) parts.push(e.name);
  } catch { /* no parts folder */ }
  for (const name of parts.sort()) {
    const file = `${partsDir}/${name}`;
    if (name.endsWith(".sources")) {
      sources.push(...parseDeb822Sources(await Deno.readTextFile(file), file));
    } else if (name.endsWith(".list")) {
      sources.push(...parseSourcesList(await Deno.readTextFile(file), file));
    }
  }
  try {
    const file = `${aptDir}/sources.list`;
    sources.push(...parseSourcesList(await Deno.readTextFile(file), file));
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  const url = pickDebianArchive(sources);
  if (!url) {
    throw new Error(
      `No Debian archive found in the apt sources under "${aptDir}": set ` +
        `TLS_HARNESS_DEBIAN_ARCHIVE to a Debian mirror URL, or pass your own build with --openssl PATH`,
    );
  }
  return url;
}
