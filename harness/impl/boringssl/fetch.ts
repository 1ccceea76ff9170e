/**
 * Fetch Android's BoringSSL from Debian's archive into `<cache>/builds/boringssl-<label>/`, with
 * a private apt state (the host's packages are never touched; apt still checks signatures).
 *
 * @module
 */
import { run } from "../../process/mod.ts";
import { cacheDir as defaultCacheDir } from "../../cache_dir/mod.ts";
import { debianArchiveUrl, sourcesLine } from "../../openssl/fetch.ts";
import type { Build, Launch } from "./_interface.ts";
import { type BoringsslFamily, boringsslSymbols } from "./symbols.ts";

/** The labels {@linkcode fetchBoringssl} knows, oldest first. */
export const BORINGSSL_LABELS = ["10", "13", "14"] as const satisfies readonly BoringsslFamily[];

/** One of {@linkcode BORINGSSL_LABELS}. */
export type BoringsslLabel = typeof BORINGSSL_LABELS[number];

/** Debian packages of one suite, extracted into one folder of the build. */
export interface BoringsslPackageSet {
  /** Debian suite. */
  suite: string;
  /** Binary package names. */
  packages: string[];
  /** Folder under the build directory. */
  into: "root" | "libc6";
}

/** How one label is put together. */
export interface BoringsslRecipe {
  /** Package sets; the first holds android-libboringssl. */
  sets: BoringsslPackageSet[];
  /** Whether `bssl-tool` is packaged in that suite. */
  tool: boolean;
  /**
   * Whether `bssl-tool` must run under the extracted libc6's loader. The libraries themselves
   * ask only for glibc ≥ 2.34 in every version, so FFI never needs it.
   */
  loader: boolean;
}

/**
 * Where each label comes from (measured with `apt-cache show` against each suite):
 * - 10: bullseye has `android-libboringssl` 10.0.0+r36-1 but no `android-boringssl`, so no
 *   `bssl-tool`: API only.
 * - 13: bookworm's 13.0.0+r24-2 runs on bookworm's glibc 2.36.
 * - 14: trixie's 14.0.0+r45-2; its `bssl-tool` needs glibc ≥ 2.38 and GLIBCXX_3.4.31
 *   (libstdc++6 ≥ 13), so trixie's libc6, libstdc++6 and libgcc-s1 come along. (Sid's
 *   14.0.0+r45-3+b2 `bssl-tool` needs glibc ≥ 2.42, newer than trixie's 2.41.)
 *
 * @example
 * ```ts
 * import { BORINGSSL_RECIPES } from "./fetch.ts";
 * console.log(BORINGSSL_RECIPES["14"].sets.map((s) => s.packages.join(" ")));
 * ```
 */
export const BORINGSSL_RECIPES: Readonly<Record<BoringsslLabel, BoringsslRecipe>> = {
  "10": {
    sets: [{ suite: "bullseye", packages: ["android-libboringssl"], into: "root" }],
    tool: false,
    loader: false,
  },
  "13": {
    sets: [{
      suite: "bookworm",
      packages: ["android-libboringssl", "android-boringssl"],
      into: "root",
    }],
    tool: true,
    loader: false,
  },
  "14": {
    sets: [
      { suite: "trixie", packages: ["android-libboringssl", "android-boringssl"], into: "root" },
      { suite: "trixie", packages: ["libc6", "libstdc++6", "libgcc-s1"], into: "libc6" },
    ],
    tool: true,
    loader: true,
  },
};

const MULTIARCH = "usr/lib/x86_64-linux-gnu";
const KEYRING_NOTE = "apt checks the archive's signatures against Debian's keyring";

/** Options for {@linkcode fetchBoringssl}. */
export interface FetchBoringsslOptions {
  /** Cache directory. @default {cacheDir()} */
  cacheDir?: string;
  /** Debian archive URL. @default {the host's apt sources, as for OpenSSL} */
  archiveUrl?: string;
  /** Aborting stops the fetch; the cache is left as it was. */
  signal?: AbortSignal;
  /** One human-readable line per step. */
  log?: (line: string) => void;
}

/**
 * The folder of one build: `<cache>/builds/boringssl-<label>`.
 *
 * @example
 * ```ts
 * import { boringsslBuildDir } from "./fetch.ts";
 * console.log(boringsslBuildDir("/tmp/c", "14")); // /tmp/c/builds/boringssl-14
 * ```
 */
export function boringsslBuildDir(cache: string, label: string): string {
  return `${cache}/builds/boringssl-${label}`;
}

/**
 * The manifest of a build laid out under `base` (pure: paths only).
 *
 * @param packageVersion The Debian version of android-libboringssl, e.g. "14.0.0+r45-2".
 * @example
 * ```ts
 * import { boringsslManifest } from "./fetch.ts";
 * const b = boringsslManifest("14", "/c/builds/boringssl-14", "14.0.0+r45-2", "/usr/bin/deno");
 * console.log(b.id, b.cli?.bssl.command);
 * ```
 */
export function boringsslManifest(
  label: BoringsslLabel,
  base: string,
  packageVersion: string,
  deno: string,
): Build {
  const recipe = BORINGSSL_RECIPES[label];
  const libs = `${base}/root/${MULTIARCH}/android`;
  const libcLibs = `${base}/libc6/${MULTIARCH}`;
  const tool = `${base}/root/usr/bin/bssl-tool`;
  const upstream = /^(\d+\.\d+\.\d+)/.exec(packageVersion)?.[1] ?? label;
  const bssl: Launch = recipe.loader
    ? {
      command: `${libcLibs}/ld-linux-x86-64.so.2`,
      args: ["--library-path", `${libs}:${libcLibs}`, tool],
      env: {},
    }
    : { command: tool, args: [], env: { LD_LIBRARY_PATH: libs } };
  return {
    implementation: "boringssl",
    id: `boringssl-${upstream}`,
    version: `BoringSSL (Android ${upstream}, Debian android-libboringssl ${packageVersion})`,
    family: label,
    source: "fetched",
    capabilities: [],
    sessionFileFormat: recipe.tool ? "boringssl-pem" : undefined,
    cli: recipe.tool ? { bssl: bssl } : undefined,
    ffi: {
      libssl: `${libs}/libssl.so.0`,
      libcrypto: `${libs}/libcrypto.so.0`,
      // libssl.so.0 finds libcrypto.so.0 by soname; one BoringSSL per process.
      launch: { command: deno, args: [], env: { LD_LIBRARY_PATH: libs } },
      symbols: boringsslSymbols(label),
    },
  };
}

/**
 * Read the manifest of a fetched label; `undefined` when it was never fetched.
 *
 * @throws {SyntaxError} naming the file when the manifest is not a BoringSSL build.
 * @example
 * ```ts
 * import { readBoringsslManifest } from "./fetch.ts";
 * console.log(await readBoringsslManifest("/tmp/none", "14")); // undefined
 * ```
 */
export async function readBoringsslManifest(
  cache: string,
  label: string,
): Promise<Build | undefined> {
  const file = `${boringsslBuildDir(cache, label)}/build.json`;
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  let b: Build;
  try {
    b = JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(`Invalid build manifest "${file}": ${(e as Error).message}`);
  }
  if (
    b?.implementation !== "boringssl" || typeof b.id !== "string" ||
    !(BORINGSSL_LABELS as readonly string[]).includes(b.family) || !b.ffi
  ) {
    throw new SyntaxError(
      `Invalid build manifest "${file}": expected a BoringSSL build with id, family and ffi`,
    );
  }
  // The symbol map is code, not data: always the current one.
  const family = b.family as BoringsslLabel;
  return {
    ...b,
    ffi: {
      ...b.ffi,
      launch: { ...b.ffi.launch!, command: Deno.execPath() },
      symbols: boringsslSymbols(family),
    },
  };
}

/**
 * Every fetched BoringSSL build in the cache (manifests only; nothing runs).
 *
 * @example
 * ```ts
 * import { fetchedBoringssl } from "./fetch.ts";
 * console.log((await fetchedBoringssl("/tmp/none")).length); // 0
 * ```
 */
export async function fetchedBoringssl(cache: string): Promise<Build[]> {
  const out: Build[] = [];
  for (const label of BORINGSSL_LABELS) {
    const b = await readBoringsslManifest(cache, label);
    if (b) out.push(b);
  }
  return out;
}

/**
 * Download one label (or return the cached one), extract it, write its manifest. The download
 * goes into a temp folder that is renamed into place only when complete, so a crash or a
 * concurrent fetch never leaves half a build. Capabilities are left empty: `probe()` fills them.
 *
 * @example
 * ```ts
 * import { fetchBoringssl } from "./fetch.ts";
 * const b = await fetchBoringssl("14", { log: (l) => console.log(l) });
 * console.log(b.id, b.cli?.bssl);
 * ```
 */
export async function fetchBoringssl(
  label: string,
  options: FetchBoringsslOptions = {},
): Promise<Build> {
  if (!(BORINGSSL_LABELS as readonly string[]).includes(label)) {
    throw new RangeError(
      `Unknown BoringSSL version to fetch: "${label}": expected one of ${
        BORINGSSL_LABELS.map((l) => `"${l}"`).join(", ")
      }`,
    );
  }
  const l = label as BoringsslLabel;
  const cache = defaultCacheDir(options.cacheDir);
  const log = options.log ?? (() => {});
  const existing = await readBoringsslManifest(cache, l);
  if (existing) {
    log(`boringssl ${l}: cached ${existing.id}`);
    return existing;
  }
  const archive = options.archiveUrl ?? await debianArchiveUrl();
  await Deno.mkdir(`${cache}/builds`, { recursive: true });
  const tmp = await Deno.makeTempDir({ dir: `${cache}/builds`, prefix: `.fetch-boringssl-${l}-` });
  try {
    let packageVersion = "";
    const updated = new Set<string>();
    for (const [i, set] of BORINGSSL_RECIPES[l].sets.entries()) {
      const apt = await privateApt(cache, set.suite, archive);
      if (!updated.has(set.suite)) {
        log(`boringssl ${l}: apt-get update (${set.suite}, private lists)`);
        await tool("apt-get", ["-q", ...apt, "update"], options.signal, 180_000);
        updated.add(set.suite);
      }
      const debs = `${tmp}/debs/${i}`;
      await Deno.mkdir(debs, { recursive: true });
      log(`boringssl ${l}: apt-get download ${set.packages.join(" ")} (${set.suite})`);
      await tool(
        "apt-get",
        ["-q", ...apt, "download", ...set.packages],
        options.signal,
        300_000,
        debs,
      );
      for await (const e of Deno.readDir(debs)) {
        if (!e.name.endsWith(".deb")) continue;
        const deb = `${debs}/${e.name}`;
        if (e.name.startsWith("android-libboringssl_")) {
          packageVersion = (await tool("dpkg-deb", ["-f", deb, "Version"], options.signal, 30_000))
            .trim();
        }
        await tool("dpkg", ["-x", deb, `${tmp}/${set.into}`], options.signal, 60_000);
      }
    }
    await Deno.remove(`${tmp}/debs`, { recursive: true });
    const final = boringsslBuildDir(cache, l);
    const build = boringsslManifest(l, final, packageVersion, Deno.execPath());
    const { symbols: _symbols, ...ffi } = build.ffi!;
    await Deno.writeTextFile(
      `${tmp}/build.json`,
      JSON.stringify({ ...build, ffi }, null, 2) + "\n",
    );
    try {
      await Deno.rename(tmp, final);
    } catch (e) {
      const theirs = await readBoringsslManifest(cache, l);
      if (!theirs) throw e;
      return theirs;
    }
    log(`boringssl ${l}: fetched ${build.id} into ${final}`);
    return (await readBoringsslManifest(cache, l))!;
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

/** apt options of a private state under `<cache>/apt/boringssl-<suite>` (not OpenSSL's). */
async function privateApt(cache: string, suite: string, archive: string): Promise<string[]> {
  const dir = `${cache}/apt/boringssl-${suite}`;
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
  if (Deno.uid() === 0) o.push("APT::Sandbox::User=root");
  return o.flatMap((x) => ["-o", x]);
}

async function tool(
  command: string,
  args: string[],
  signal: AbortSignal | undefined,
  timeoutMs: number,
  cwd?: string,
): Promise<string> {
  const r = await run(command, { args, cwd, signal, timeoutMs, env: { LC_ALL: "C" } });
  if (r.code !== 0) {
    const tail = (r.stderr + r.stdout).trim().split("\n").slice(-3).join("; ");
    throw new Error(
      `Cannot fetch BoringSSL: "${command} ${
        args.at(-1)
      }" exited with ${r.code} (${KEYRING_NOTE}): ${tail}`,
    );
  }
  return r.stdout;
}
