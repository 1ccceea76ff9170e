import { run } from "../../process/mod.ts";
import { debianArchiveUrl, sourcesLine } from "../../openssl/fetch.ts";
import type { WolfsslBuild } from "./build.ts";
import { WOLFSSL_FAMILIES, type WolfsslFamily, wolfsslSymbolMap } from "./symbols.ts";

/** Where one family comes from in Debian's archive. */
export interface WolfsslRecipe {
  /** Debian suite. */
  suite: string;
  /** The library package (its name carries the soname). */
  package: string;
  /** The shared object inside it. */
  soname: string;
  /** Needs trixie's glibc loader (the package depends on libc6 >= 2.38; bookworm has 2.36). */
  loader: boolean;
}

/**
 * The four Debian versions (`apt-cache show` with a private state, see the research notes). Each
 * package depends on libc6 only.
 *
 * @example
 * ```ts
 * import { WOLFSSL_RECIPES } from "./fetch.ts";
 * console.log(WOLFSSL_RECIPES["5.7"].package); // libwolfssl42t64
 * ```
 */
export const WOLFSSL_RECIPES: Readonly<Record<WolfsslFamily, WolfsslRecipe>> = {
  "4.6": { suite: "bullseye", package: "libwolfssl24", soname: "libwolfssl.so.24", loader: false },
  "5.5": { suite: "bookworm", package: "libwolfssl35", soname: "libwolfssl.so.35", loader: false },
  "5.7": { suite: "trixie", package: "libwolfssl42t64", soname: "libwolfssl.so.42", loader: true },
  "5.9": { suite: "sid", package: "libwolfssl45", soname: "libwolfssl.so.45", loader: true },
};

const MULTIARCH = "usr/lib/x86_64-linux-gnu";

/**
 * The families a `--build` spec names: "wolfssl" or "wolfssl:all" → all four, "wolfssl:5.7" →
 * that one.
 *
 * @throws {RangeError} naming the spec when it is not a wolfSSL spec or the family is unknown.
 * @example
 * ```ts
 * import { resolveSpec } from "./fetch.ts";
 * console.log(resolveSpec("wolfssl:5.5")); // ["5.5"]
 * ```
 */
export function resolveSpec(spec: string): WolfsslFamily[] {
  const m = /^wolfssl(?::(.+))?$/.exec(spec.trim());
  if (!m) throw new RangeError(`Not a wolfSSL build spec: "${spec}" (expected "wolfssl[:5.7]")`);
  if (m[1] === undefined || m[1] === "all") return [...WOLFSSL_FAMILIES];
  const f = WOLFSSL_FAMILIES.find((x) => x === m[1] || m[1].startsWith(`${x}.`));
  if (!f) {
    throw new RangeError(
      `Unknown wolfSSL version in "${spec}": expected one of ${WOLFSSL_FAMILIES.join(", ")}`,
    );
  }
  return [f];
}

/** Options of {@linkcode fetchWolfssl}. */
export interface FetchWolfsslOptions {
  /** The harness cache (`~/.cache/tls-session-harness`). */
  cacheDir: string;
  /** Debian archive URL. @default {the host's apt sources, see `debianArchiveUrl`} */
  archiveUrl?: string;
  /** Aborting stops the fetch; the cache is left as it was. */
  signal?: AbortSignal;
  /** One line per step. */
  log?: (line: string) => void;
}

/**
 * Download one family's library with apt under a private state (`<cache>/apt/<suite>`, the same
 * layout the OpenSSL fetch uses, so the package lists are shared), extract it, check that a Deno
 * started as the build's launch can dlopen it, and publish `<cache>/builds/wolfssl-<version>`
 * by renaming a finished temp folder. A family already in the cache costs no network.
 *
 * @example
 * ```ts ignore
 * import { fetchWolfssl } from "./fetch.ts";
 * const b = await fetchWolfssl("5.5", { cacheDir: "/tmp/cache", log: console.log });
 * console.log(b.id, b.ffi.libssl);
 * ```
 */
export async function fetchWolfssl(
  family: WolfsslFamily,
  options: FetchWolfsslOptions,
): Promise<WolfsslBuild> {
  const log = options.log ?? (() => {});
  const existing = (await fetchedWolfssl(options.cacheDir)).find((b) => b.family === family);
  if (existing) {
    log(`wolfssl ${family}: cached ${existing.id}`);
    return existing;
  }
  const recipe = WOLFSSL_RECIPES[family];
  const archive = options.archiveUrl ?? await debianArchiveUrl();
  const builds = `${options.cacheDir}/builds`;
  await Deno.mkdir(builds, { recursive: true });
  const tmp = await Deno.makeTempDir({ dir: builds, prefix: `.fetch-wolfssl-${family}-` });
  try {
    const sets: [string, string, string][] = [[recipe.suite, recipe.package, "root"]];
    if (recipe.loader) sets.push(["trixie", "libc6", "libc6"]);
    let debVersion = "";
    const updated = new Set<string>();
    for (const [i, [suite, pkg, into]] of sets.entries()) {
      const apt = await privateApt(options.cacheDir, suite, archive);
      if (!updated.has(suite)) {
        log(`wolfssl ${family}: apt-get update (${suite}, private lists)`);
        await aptGet(apt, ["update"], { timeoutMs: 180_000, signal: options.signal });
        updated.add(suite);
      }
      const debs = `${tmp}/debs/${i}`;
      await Deno.mkdir(debs, { recursive: true });
      log(`wolfssl ${family}: apt-get download ${pkg} (${suite})`);
      await aptGet(apt, ["download", pkg], {
        cwd: debs,
        timeoutMs: 300_000,
        signal: options.signal,
      });
      for await (const e of Deno.readDir(debs)) {
        if (!e.name.endsWith(".deb")) continue;
        if (i === 0) debVersion = decodeURIComponent(e.name.split("_")[1] ?? "");
        await tool("dpkg", ["-x", `${debs}/${e.name}`, `${tmp}/${into}`], {
          timeoutMs: 60_000,
          signal: options.signal,
        });
      }
    }
    await Deno.remove(`${tmp}/debs`, { recursive: true });
    const version = await libraryVersion(buildFor(family, tmp, "", debVersion), options.signal);
    const final = `${builds}/wolfssl-${version}`;
    const build = buildFor(family, final, version, debVersion);
    await Deno.writeTextFile(`${tmp}/build.json`, JSON.stringify(build, null, 2) + "\n");
    try {
      await Deno.rename(tmp, final);
    } catch (e) {
      const theirs = (await fetchedWolfssl(options.cacheDir)).find((b) => b.family === family);
      if (!theirs) throw e;
      return theirs;
    }
    log(`wolfssl ${family}: fetched ${build.id} into ${final}`);
    return build;
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

/**
 * The wolfSSL builds in the cache (manifests only, nothing runs).
 *
 * @throws {SyntaxError} naming the file when a manifest is not a wolfSSL build.
 * @example
 * ```ts
 * import { fetchedWolfssl } from "./fetch.ts";
 * console.log((await fetchedWolfssl("/nonexistent")).length); // 0
 * ```
 */
export async function fetchedWolfssl(cacheDir: string): Promise<WolfsslBuild[]> {
  const out: WolfsslBuild[] = [];
  try {
    for await (const e of Deno.readDir(`${cacheDir}/builds`)) {
      if (!e.isDirectory || !e.name.startsWith("wolfssl-")) continue;
      const file = `${cacheDir}/builds/${e.name}/build.json`;
      let text: string;
      try {
        text = await Deno.readTextFile(file);
      } catch {
        continue;
      }
      const b = JSON.parse(text) as WolfsslBuild;
      if (b?.implementation !== "wolfssl" || typeof b.ffi?.libssl !== "string") {
        throw new SyntaxError(`Invalid wolfSSL build manifest "${file}"`);
      }
      out.push(b);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return out.sort((a, b) =>
    WOLFSSL_FAMILIES.indexOf(a.family) - WOLFSSL_FAMILIES.indexOf(b.family)
  );
}

/**
 * The manifest of a build extracted into `dir`: the library path and how to start a Deno that
 * can load it (5.7 and 5.9 run under trixie's loader, which also runs Deno itself).
 *
 * @example
 * ```ts
 * import { buildFor } from "./fetch.ts";
 * console.log(buildFor("5.7", "/c/builds/wolfssl-5.7.2", "5.7.2", "5.7.2-0.1").ffi.launch.command);
 * ```
 */
export function buildFor(
  family: WolfsslFamily,
  dir: string,
  version: string,
  debianVersion: string,
): WolfsslBuild {
  const r = WOLFSSL_RECIPES[family];
  const lib = `${dir}/root/${MULTIARCH}/${r.soname}`;
  const libc = `${dir}/libc6/${MULTIARCH}`;
  const launch = r.loader
    ? {
      command: `${libc}/ld-linux-x86-64.so.2`,
      args: ["--library-path", `${dir}/root/${MULTIARCH}:${libc}`, Deno.execPath()],
      env: {},
    }
    : { command: Deno.execPath(), args: [], env: {} };
  return {
    implementation: "wolfssl",
    id: `wolfssl-${version}`,
    version,
    family,
    source: "fetched",
    path: dir,
    capabilities: [],
    debian: { suite: r.suite, package: r.package, version: debianVersion },
    ffi: { libssl: lib, libcrypto: lib, launch, symbols: wolfsslSymbolMap(family) },
  };
}

/** Run the build's Deno, dlopen the library, `wolfSSL_Init`, return `wolfSSL_lib_version()`. */
async function libraryVersion(build: WolfsslBuild, signal?: AbortSignal): Promise<string> {
  const code = `
    const l = Deno.dlopen(${JSON.stringify(build.ffi.libssl)}, {
      wolfSSL_Init: { parameters: [], result: "i32" },
      wolfSSL_lib_version: { parameters: [], result: "pointer" },
    });
    if (l.symbols.wolfSSL_Init() !== 1) throw new Error("wolfSSL_Init failed");
    console.log(Deno.UnsafePointerView.getCString(l.symbols.wolfSSL_lib_version()));
  `;
  const f = build.ffi.launch;
  const r = await run(f.command, {
    args: [...f.args, "eval", "--no-config", code],
    env: { ...f.env, DENO_NO_UPDATE_CHECK: "1" },
    timeoutMs: 30_000,
    signal,
  });
  if (r.code !== 0 || !/^\d+\.\d+\.\d+/.test(r.stdout.trim())) {
    throw new Error(
      `Deno cannot load "${build.ffi.libssl}" (exit code ${r.code}): ${r.stderr.trim()}`,
    );
  }
  return r.stdout.trim();
}

async function privateApt(cache: string, suite: string, archive: string): Promise<string[]> {
  const dir = `${cache}/apt/${suite}`;
  await Deno.mkdir(`${dir}/lists/partial`, { recursive: true });
  await Deno.mkdir(`${dir}/cache/archives/partial`, { recursive: true });
  await Deno.writeTextFile(`${dir}/status`, "");
  await Deno.writeTextFile(`${dir}/sources.list`, sourcesLine(archive, suite) + "\n");
  const o = [
    `Dir::Etc::SourceList=${dir}/sources.list`,
    "Dir::Etc::SourceParts=/dev/null",
    "Dir::Etc::Preferences=/dev/null",
    "Dir::Etc::PreferencesParts=/dev/null",
    `Dir::State::Lists=${dir}/lists`,
    `Dir::Cache=${dir}/cache`,
    `Dir::State::Status=${dir}/status`,
    "Acquire::Languages=none",
    "APT::Update::Error-Mode=any",
  ];
  // As root, apt drops to "_apt", who cannot write into a private folder.
  if (Deno.uid() === 0) o.push("APT::Sandbox::User=root");
  return o.flatMap((x) => ["-o", x]);
}

function aptGet(
  options: string[],
  args: string[],
  o: { cwd?: string; timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  return tool("apt-get", ["-q", ...options, ...args], o);
}

async function tool(
  command: string,
  args: string[],
  o: { cwd?: string; timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const r = await run(command, { args, ...o, env: { LC_ALL: "C" } });
  if (r.code !== 0) {
    throw new Error(
      `"${command} ${args.filter((a) => !a.startsWith("Dir::")).slice(-2).join(" ")}" failed ` +
        `(exit code ${r.code}): ${r.stderr.trim().split("\n").slice(-3).join("; ")}`,
    );
  }
}
