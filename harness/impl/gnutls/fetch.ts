import { run } from "../../process/mod.ts";
import { debianArchive, PrivateApt } from "./debian_archive.ts";
import type { Build, Capability, ToolLaunch } from "./draft_interface.ts";
import { probeGnutls } from "./probe.ts";

/**
 * The GnuTLS versions {@linkcode fetchGnutls} can get, oldest first: one per Debian suite.
 *
 * @example
 * ```ts
 * import { GNUTLS_LABELS } from "./fetch.ts";
 * console.log(GNUTLS_LABELS.join(", ")); // 3.7.1, 3.7.9, 3.8.9, 3.8.13
 * ```
 */
export const GNUTLS_LABELS = ["3.7.1", "3.7.9", "3.8.9", "3.8.13"] as const;

/** One of {@linkcode GNUTLS_LABELS}. */
export type GnutlsLabel = typeof GNUTLS_LABELS[number];

/** How one version is put together from Debian's archive. */
export interface GnutlsRecipe {
  /** The suite whose `gnutls-bin` is this version. */
  suite: string;
  /**
   * `gnutls-bin` and every library its two tools load, from the same suite: gnutls-cli links
   * libgnutls-dane, hence libunbound and what that needs (libevent; from trixie on, libssl3t64
   * with libzstd/zlib). Everything comes along, even what the host has, so that a build never
   * depends on what happens to be installed.
   */
  packages: string[];
  /** Whether it needs glibc ≥ 2.38 and so runs under the loader of trixie's `libc6`. */
  loader: boolean;
}

const OLD_DEPS = [
  "libnettle8",
  "libhogweed6",
  "libgmp10",
  "libidn2-0",
  "libunistring2",
  "libp11-kit0",
  "libtasn1-6",
  "libunbound8",
  "libevent-2.1-7",
];
const T64_DEPS = [
  "libnettle8t64",
  "libhogweed6t64",
  "libgmp10",
  "libidn2-0",
  "libunistring5",
  "libp11-kit0",
  "libffi8",
  "libtasn1-6",
  "libunbound8",
  "libevent-2.1-7t64",
  "libssl3t64",
  "libzstd1",
  "zlib1g",
];

/**
 * Where each version comes from. 3.7.1 still parses options with libopts (autogen); 3.7.9 and
 * later do not. Debian's trixie/sid builds need glibc 2.38 (measured: "version `GLIBC_2.38' not
 * found (required by …/libgnutls.so.30)" on bookworm's loader).
 *
 * @example
 * ```ts
 * import { GNUTLS_RECIPES } from "./fetch.ts";
 * console.log(GNUTLS_RECIPES["3.8.9"].suite); // trixie
 * ```
 */
export const GNUTLS_RECIPES: Readonly<Record<GnutlsLabel, GnutlsRecipe>> = {
  "3.7.1": {
    suite: "bullseye",
    packages: ["gnutls-bin", "libgnutls30", "libgnutls-dane0", "libopts25", "libffi7", ...OLD_DEPS],
    loader: false,
  },
  "3.7.9": {
    suite: "bookworm",
    packages: ["gnutls-bin", "libgnutls30", "libgnutls-dane0", "libffi8", ...OLD_DEPS],
    loader: false,
  },
  "3.8.9": {
    suite: "trixie",
    packages: ["gnutls-bin", "libgnutls30t64", "libgnutls-dane0t64", ...T64_DEPS],
    loader: true,
  },
  "3.8.13": {
    suite: "sid",
    packages: ["gnutls-bin", "libgnutls30t64", "libgnutls-dane0t64", ...T64_DEPS],
    loader: true,
  },
};

/** The suite whose `libc6` provides the loader for {@linkcode GnutlsRecipe.loader} builds. */
export const LOADER_SUITE = "trixie";

/** A fetched GnuTLS build: the draft's {@linkcode Build} plus where its packages came from. */
export interface GnutlsBuild extends Build {
  /** Always "gnutls". */
  implementation: "gnutls";
  /** The two tools this folder drives. */
  cli: { "gnutls-cli": ToolLaunch; "gnutls-serv": ToolLaunch };
  /** Provenance: the suite and the exact Debian version of every package extracted. */
  debian: { suite: string; packages: Record<string, string> };
}

/** Options for {@linkcode fetchGnutls}. */
export interface FetchGnutlsOptions {
  /** The harness cache folder (builds go to `<cacheDir>/builds/gnutls-<version>`). */
  cacheDir: string;
  /** Debian archive URL. @default {debianArchive()} */
  archiveUrl?: string;
  /** Aborting stops the fetch; the cache is left as it was. */
  signal?: AbortSignal;
  /** Called with one line per step. */
  log?: (line: string) => void;
}

const MULTIARCH = "usr/lib/x86_64-linux-gnu";
const CHECK_TIMEOUT_MS = 15_000;

/**
 * Which labels a `--build`-style spec names: "gnutls" or "gnutls:all" (every label),
 * "gnutls:3.8" (a family), "gnutls:3.8.9" (one version).
 *
 * @throws {RangeError} naming the spec and the labels there are.
 * @example
 * ```ts
 * import { resolveGnutlsSpec } from "./fetch.ts";
 * console.log(resolveGnutlsSpec("gnutls:3.7")); // ["3.7.1", "3.7.9"]
 * ```
 */
export function resolveGnutlsSpec(spec: string): GnutlsLabel[] {
  const m = /^gnutls(?::(.+))?$/.exec(spec.trim());
  const want = m?.[1];
  if (m && (want === undefined || want === "all")) return [...GNUTLS_LABELS];
  const hits = GNUTLS_LABELS.filter((l) =>
    want !== undefined && (l === want || familyOf(l) === want)
  );
  if (!m || hits.length === 0) {
    throw new RangeError(
      `Unknown GnuTLS build spec "${spec}": expected "gnutls", "gnutls:all", a family ` +
        `("gnutls:3.7", "gnutls:3.8") or one of ${
          GNUTLS_LABELS.map((l) => `"gnutls:${l}"`).join(", ")
        }`,
    );
  }
  return hits;
}

/** "3.8.13" → "3.8". */
function familyOf(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

/**
 * The folder of one fetched version: `<cacheDir>/builds/gnutls-<label>`.
 *
 * @example
 * ```ts
 * import { gnutlsBuildDir } from "./fetch.ts";
 * console.log(gnutlsBuildDir("/tmp/c", "3.8.9")); // /tmp/c/builds/gnutls-3.8.9
 * ```
 */
export function gnutlsBuildDir(cacheDir: string, label: string): string {
  return `${cacheDir}/builds/gnutls-${label}`;
}

/**
 * How to launch both tools of a build laid out under `base` (`root/` holds the extracted
 * packages, `libc6/` trixie's libc6 when the recipe needs its loader).
 *
 * @example
 * ```ts
 * import { gnutlsLaunches } from "./fetch.ts";
 * console.log(gnutlsLaunches("/c/builds/gnutls-3.8.9", true)["gnutls-cli"].command);
 * ```
 */
export function gnutlsLaunches(base: string, loader: boolean): GnutlsBuild["cli"] {
  const libs = `${base}/root/${MULTIARCH}`;
  const tool = (name: string): ToolLaunch => {
    const path = `${base}/root/usr/bin/${name}`;
    if (!loader) return { command: path, args: [], env: { LD_LIBRARY_PATH: libs } };
    const libc = `${base}/libc6/${MULTIARCH}`;
    return {
      command: `${libc}/ld-linux-x86-64.so.2`,
      args: ["--library-path", `${libs}:${libc}`, path],
      env: {},
    };
  };
  return { "gnutls-cli": tool("gnutls-cli"), "gnutls-serv": tool("gnutls-serv") };
}

/**
 * The manifests of every GnuTLS build in the cache (reads `build.json` files only; runs nothing).
 *
 * @throws {SyntaxError} naming the file when a manifest is not a GnuTLS build.
 * @example
 * ```ts
 * import { fetchedGnutls } from "./fetch.ts";
 * for (const b of await fetchedGnutls(`${Deno.env.get("HOME")}/.cache/tls-session-harness`)) {
 *   console.log(b.id, b.capabilities.join(" "));
 * }
 * ```
 */
export async function fetchedGnutls(cacheDir: string): Promise<GnutlsBuild[]> {
  const out: GnutlsBuild[] = [];
  for (const label of GNUTLS_LABELS) {
    const b = await readGnutlsManifest(cacheDir, label);
    if (b) out.push(b);
  }
  return out;
}

/**
 * Read `<cacheDir>/builds/gnutls-<label>/build.json`; `undefined` when it was never fetched.
 *
 * @throws {SyntaxError} naming the file when it is not JSON or not a GnuTLS build manifest.
 */
export async function readGnutlsManifest(
  cacheDir: string,
  label: string,
): Promise<GnutlsBuild | undefined> {
  const file = `${gnutlsBuildDir(cacheDir, label)}/build.json`;
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  return parseGnutlsManifest(text, file);
}

/**
 * Check and type a manifest's text.
 *
 * @param file Named in errors.
 * @throws {SyntaxError} naming the file and the field that is wrong.
 * @example
 * ```ts
 * import { parseGnutlsManifest } from "./fetch.ts";
 * try { parseGnutlsManifest("{}", "build.json"); } catch (e) { console.log((e as Error).message); }
 * ```
 */
export function parseGnutlsManifest(text: string, file: string): GnutlsBuild {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(`Invalid GnuTLS build manifest "${file}": ${(e as Error).message}`, {
      cause: e,
    });
  }
  const b = value as GnutlsBuild;
  const bad = (field: string) =>
    new SyntaxError(
      `Invalid GnuTLS build manifest "${file}": field "${field}" is missing or wrong`,
    );
  if (b?.implementation !== "gnutls") throw bad("implementation");
  for (const f of ["id", "version", "family"] as const) if (typeof b[f] !== "string") throw bad(f);
  if (!Array.isArray(b.capabilities)) throw bad("capabilities");
  for (const tool of ["gnutls-cli", "gnutls-serv"] as const) {
    const t = b.cli?.[tool];
    if (typeof t?.command !== "string" || !Array.isArray(t.args)) throw bad(`cli.${tool}`);
  }
  return b;
}

/**
 * Download GnuTLS versions from Debian's archive into the cache and return their manifests.
 *
 * Each label's packages are downloaded with apt under a private state
 * (`<cacheDir>/apt/gnutls/<suite>`, separate from the OpenSSL fetcher's), extracted with
 * `dpkg -x` into a temp folder, checked (`gnutls-cli --version` prints the label), probed, and
 * renamed into place, so a crash never leaves half a build. A label already in the cache costs no
 * network: its `gnutls-cli --version` is run once to check it still works.
 *
 * @param labels Labels from {@linkcode GNUTLS_LABELS}.
 * @throws {Error} when the suite now holds another upstream version than the label (the
 * message names both), or apt/dpkg fail (naming the step).
 * @example
 * ```ts
 * import { fetchGnutls } from "./fetch.ts";
 * const cacheDir = `${Deno.env.get("HOME")}/.cache/tls-session-harness`;
 * const builds = await fetchGnutls(["3.8.9"], { cacheDir, log: (l) => console.log(l) });
 * console.log(builds[0].cli["gnutls-cli"]);
 * ```
 */
export async function fetchGnutls(
  labels: readonly string[],
  options: FetchGnutlsOptions,
): Promise<GnutlsBuild[]> {
  const log = options.log ?? (() => {});
  const updated = new Map<string, PrivateApt>();
  const out: GnutlsBuild[] = [];
  for (const label of labels) {
    if (!(GNUTLS_LABELS as readonly string[]).includes(label)) {
      throw new RangeError(
        `Unknown GnuTLS version to fetch: "${label}": expected one of ${
          GNUTLS_LABELS.map((l) => `"${l}"`).join(", ")
        } (resolveGnutlsSpec() expands families)`,
      );
    }
    const cached = await readGnutlsManifest(options.cacheDir, label);
    if (cached) {
      const problem = await versionProblem(cached, label, options.signal);
      if (!problem) {
        log(`gnutls-${label}: cached (${cached.version})`);
        out.push(cached);
        continue;
      }
      log(`gnutls-${label}: cached build is broken (${problem}); fetching it again`);
      await Deno.remove(gnutlsBuildDir(options.cacheDir, label), { recursive: true });
    }
    out.push(await fetchOne(label as GnutlsLabel, updated, options));
  }
  return out;
}

async function fetchOne(
  label: GnutlsLabel,
  updated: Map<string, PrivateApt>,
  options: FetchGnutlsOptions,
): Promise<GnutlsBuild> {
  const log = options.log ?? (() => {});
  const { signal, cacheDir } = options;
  const recipe = GNUTLS_RECIPES[label];
  const archive = options.archiveUrl ?? await debianArchive();
  const apt = async (suite: string) => {
    let a = updated.get(suite);
    if (!a) {
      a = new PrivateApt(`${cacheDir}/apt/gnutls/${suite}`, suite, archive);
      log(`gnutls-${label}: apt-get update (${suite}, private state)`);
      await a.update({ signal, timeoutMs: 180_000 });
      updated.set(suite, a);
    }
    return a;
  };
  await Deno.mkdir(`${cacheDir}/builds`, { recursive: true });
  const tmp = await Deno.makeTempDir({
    dir: `${cacheDir}/builds`,
    prefix: `.fetch-gnutls-${label}-`,
  });
  const final = gnutlsBuildDir(cacheDir, label);
  try {
    const sets: { suite: string; packages: string[]; into: string }[] = [
      { suite: recipe.suite, packages: recipe.packages, into: "root" },
    ];
    if (recipe.loader) sets.push({ suite: LOADER_SUITE, packages: ["libc6"], into: "libc6" });
    const versions: Record<string, string> = {};
    for (const [i, set] of sets.entries()) {
      const a = await apt(set.suite);
      const candidates = await a.candidates(set.packages, { signal, timeoutMs: 60_000 });
      for (const p of set.packages) {
        const v = candidates.get(p);
        if (!v) {
          throw new Error(
            `Debian "${set.suite}" has no package "${p}" (needed for GnuTLS ${label})`,
          );
        }
        versions[p] = v;
      }
      const bin = versions["gnutls-bin"];
      if (i === 0 && !bin.startsWith(`${label}-`)) {
        throw new Error(
          `Debian "${set.suite}" now has gnutls-bin ${bin}, not GnuTLS ${label}: update ` +
            `GNUTLS_RECIPES in harness/impl/gnutls/fetch.ts`,
        );
      }
      const debs = `${tmp}/debs/${i}`;
      await Deno.mkdir(debs, { recursive: true });
      log(`gnutls-${label}: apt-get download ${set.packages.length} packages (${set.suite})`);
      await a.download(set.packages, { cwd: debs, signal });
      for await (const e of Deno.readDir(debs)) {
        if (!e.name.endsWith(".deb")) continue;
        const r = await run("dpkg", {
          args: ["-x", `${debs}/${e.name}`, `${tmp}/${set.into}`],
          timeoutMs: 60_000,
          signal,
        });
        if (r.code !== 0) throw new Error(`Cannot extract "${e.name}": ${r.stderr.trim()}`);
      }
    }
    await Deno.remove(`${tmp}/debs`, { recursive: true });

    const draft = manifest(label, tmp, "", [], versions);
    const version = await toolVersion(draft.cli["gnutls-cli"], signal);
    if (version !== `gnutls-cli ${label}`) {
      throw new Error(`The fetched GnuTLS ${label} reports "${version}"`);
    }
    const capabilities = await probeGnutls(manifest(label, tmp, version, [], versions), { signal });
    const build = manifest(label, final, version, capabilities, versions);
    await Deno.writeTextFile(`${tmp}/build.json`, JSON.stringify(build, null, 2) + "\n");
    try {
      await Deno.rename(tmp, final);
    } catch (e) {
      // Another fetch published the same label first: theirs is as good as ours.
      const theirs = await readGnutlsManifest(cacheDir, label);
      if (!theirs) throw e;
      return theirs;
    }
    log(`gnutls-${label}: fetched ${version} (${capabilities.join(", ")}) into ${final}`);
    return build;
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

function manifest(
  label: GnutlsLabel,
  base: string,
  version: string,
  capabilities: Capability[],
  packages: Record<string, string>,
): GnutlsBuild {
  return {
    implementation: "gnutls",
    id: `gnutls-${label}`,
    version,
    family: familyOf(label),
    source: "fetched",
    capabilities,
    cli: gnutlsLaunches(base, GNUTLS_RECIPES[label].loader),
    debian: { suite: GNUTLS_RECIPES[label].suite, packages },
  };
}

/** The first line of `<tool> --version` ("gnutls-cli 3.8.9"). */
export async function toolVersion(tool: ToolLaunch, signal?: AbortSignal): Promise<string> {
  const r = await run(tool.command, {
    args: [...tool.args, "--version"],
    env: tool.env,
    timeoutMs: CHECK_TIMEOUT_MS,
    signal,
  });
  if (r.code !== 0) {
    const why = r.stderr.trim().split("\n").slice(-2).join("; ");
    throw new Error(
      `"${tool.args.at(-1) ?? tool.command} --version" exited with ${r.code}: ${why}`,
    );
  }
  return r.stdout.split("\n")[0].trim();
}

async function versionProblem(
  b: GnutlsBuild,
  label: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  try {
    const v = await toolVersion(b.cli["gnutls-cli"], signal);
    return v === `gnutls-cli ${label}` ? undefined : `it reports "${v}"`;
  } catch (e) {
    if (signal?.aborted) throw e;
    return (e as Error).message;
  }
}
