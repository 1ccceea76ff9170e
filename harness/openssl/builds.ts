import { type OpensslBuild, opensslBuild, systemBuild } from "./build.ts";
import { isOpensslVersionLine, opensslVersionId } from "./version.ts";
import { cacheDir as defaultCacheDir } from "../cache_dir/mod.ts";
import { ProbeTimeoutError, probeVersion } from "./version_probe.ts";
import { cachedLabels, FETCHABLE_LABELS, readBuildManifest } from "./fetch.ts";
import { pointReleaseFamily } from "./fetch_recipes.ts";

/** Options for {@linkcode fetchedBuilds}. */
export interface FetchedBuildsOptions {
  /** Cache directory. @default {cacheDir()} */
  cacheDir?: string;
}

/**
 * The builds already fetched into the cache (their `build.json` manifests): the families oldest
 * first, then point releases (`openssl fetch 3.0.17`) not already listed under another label.
 * Reads files only: nothing is run or downloaded.
 *
 * @example
 * ```ts
 * import { fetchedBuilds } from "./builds.ts";
 * for (const b of await fetchedBuilds()) console.log(b.id, b.version);
 * ```
 */
export async function fetchedBuilds(options: FetchedBuildsOptions = {}): Promise<OpensslBuild[]> {
  const cache = defaultCacheDir(options.cacheDir);
  const out: OpensslBuild[] = [];
  for (const label of FETCHABLE_LABELS) {
    const b = await readBuildManifest(cache, label);
    if (b) out.push(b);
  }
  for (const label of await cachedLabels(cache)) {
    // Other implementations keep their builds beside these: only OpenSSL point releases.
    if (!pointReleaseFamily(label)) continue;
    const b = await readBuildManifest(cache, label);
    if (b && !out.some((o) => o.id === b.id)) out.push(b);
  }
  return out;
}

/** Options for {@linkcode buildFromPath}. */
export interface BuildFromPathOptions {
  /** Aborting stops the `openssl version` check. */
  signal?: AbortSignal;
  /** Deadline of the `openssl version` check, in ms. @default {VERSION_PROBE_TIMEOUT_MS} */
  probeTimeoutMs?: number;
}

/**
 * A user's own build, given as the `openssl` binary or an install prefix / build tree holding
 * `bin/openssl` (or `apps/openssl`) and `lib*`/`libssl.so*`. The folder holding its libssl goes
 * into `LD_LIBRARY_PATH` so the binary does not pick up the host's library; the binary is run
 * once (`openssl version`) to check it works. Symlinks are resolved first, so a symlinked binary
 * is looked up under its real prefix.
 *
 * @throws {Error} naming the path when there is no runnable `openssl` there.
 * @example
 * ```ts
 * import { buildFromPath } from "./builds.ts";
 * const b = await buildFromPath("/opt/openssl-3.4");
 * console.log(b.version, b.launch.env.LD_LIBRARY_PATH);
 * ```
 */
export async function buildFromPath(
  path: string,
  options: BuildFromPathOptions = {},
): Promise<OpensslBuild> {
  const abs = await absolute(path);
  let binary: string | undefined;
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(abs);
  } catch (e) {
    throw new Error(`No OpenSSL build at "${path}": ${(e as Error).message}`, { cause: e });
  }
  if (info.isFile) {
    binary = abs;
  } else {
    for (const rel of ["bin/openssl", "apps/openssl", "usr/bin/openssl", "openssl"]) {
      if (await isFile(`${abs}/${rel}`)) {
        binary = `${abs}/${rel}`;
        break;
      }
    }
  }
  if (!binary) {
    throw new Error(
      `No OpenSSL build at "${path}": expected an "openssl" binary, or a folder holding ` +
        `bin/openssl (an install prefix) or apps/openssl (a build tree)`,
    );
  }
  const binDir = dirname(binary);
  const prefix = dirname(binDir);
  // An install prefix keeps its libraries in lib/ or lib64/ (or a multiarch folder); a build
  // tree keeps them at its top, next to apps/.
  const candidates = [
    `${prefix}/lib64`,
    `${prefix}/lib`,
    `${prefix}/lib/x86_64-linux-gnu`,
    `${prefix}/usr/lib/x86_64-linux-gnu`,
    prefix,
    binDir,
  ];
  let libDir: string | undefined;
  let libs: { libssl: string; libcrypto: string } | undefined;
  for (const dir of candidates) {
    libs = await findLibraries(dir);
    if (libs) {
      libDir = dir;
      break;
    }
  }
  const env: Record<string, string> = libDir ? { LD_LIBRARY_PATH: libDir } : {};
  let version: string;
  try {
    const r = await probeVersion(binary, {
      build: `The OpenSSL build at "${path}"`,
      env,
      timeoutMs: options.probeTimeoutMs,
      signal: options.signal,
    });
    if (r.code !== 0) throw new Error(r.stderr.trim() || `exit code ${r.code}`);
    version = r.stdout.trim();
  } catch (e) {
    if (options.signal?.aborted || e instanceof ProbeTimeoutError) throw e;
    throw new Error(
      `The OpenSSL build at "${path}" does not run ("${binary} version"): ${(e as Error).message}`,
      { cause: e },
    );
  }
  // Anything else that answers `version` (a wrapper printing garbage, another tool) would fail
  // later on every scenario with an error about something else: refuse it here, by name.
  if (!isOpensslVersionLine(version)) {
    throw new Error(
      `The build at "${path}" is not OpenSSL: "${binary} version" printed ` +
        `${JSON.stringify(version.slice(0, 120))}, expected "OpenSSL <version> …"`,
    );
  }
  return opensslBuild({
    id: path,
    version,
    path: binary,
    source: "path",
    launch: { command: binary, args: [], env },
    ...(libs && libDir
      ? {
        libssl: `${libDir}/${libs.libssl}`,
        libcrypto: `${libDir}/${libs.libcrypto}`,
        ffiLaunch: { command: Deno.execPath(), args: [], env },
      }
      : {}),
  });
}

/** Options for {@linkcode resolveBuilds}. */
export interface ResolveBuildsOptions {
  /** Cache directory. @default {cacheDir()} */
  cacheDir?: string;
  /** Aborting stops the checks. */
  signal?: AbortSignal;
  /** Deadline of each `openssl version` check, in ms. @default {VERSION_PROBE_TIMEOUT_MS} */
  probeTimeoutMs?: number;
}

/**
 * Turn `--openssl` specs into builds, in order and without duplicates. A spec is:
 * - `"system"`: the `openssl` on PATH (or `$OPENSSL`);
 * - `"all"`: system, then every fetched build;
 * - a version label or prefix (`"1.1.1"`, `"3.5"`, `"4.0.3"`): the fetched builds whose id starts
 *   with it (the system build too, when its version matches and no fetched one does);
 * - a path (holds a `/` or names an existing file or folder): {@linkcode buildFromPath}.
 *
 * @throws {Error} for a spec that matches nothing, listing what is available and how to fetch
 * more (`deno task harness openssl fetch 3.5`).
 * @example
 * ```ts
 * import { resolveBuilds } from "./builds.ts";
 * const builds = await resolveBuilds(["system", "1.1.1"]);
 * console.log(builds.map((b) => b.id)); // ["system", "1.1.1w"]
 * ```
 */
export async function resolveBuilds(
  specs: string[],
  options: ResolveBuildsOptions = {},
): Promise<OpensslBuild[]> {
  const fetched = await fetchedBuilds({ cacheDir: options.cacheDir });
  let system: OpensslBuild | undefined;
  let systemError: Error | undefined;
  const getSystem = async () => {
    if (!system && !systemError) {
      try {
        system = await systemBuild({
          signal: options.signal,
          probeTimeoutMs: options.probeTimeoutMs,
          cacheDir: defaultCacheDir(options.cacheDir),
        });
      } catch (e) {
        systemError = e as Error;
      }
    }
    return system;
  };
  const out: OpensslBuild[] = [];
  const seen = new Set<string>();
  const add = (b: OpensslBuild) => {
    const key = `${b.id}\0${b.path}\0${b.launch.command}\0${b.launch.args.join("\0")}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(b);
    }
  };
  for (const spec of specs) {
    if (spec === "system") {
      const s = await getSystem();
      if (!s) throw systemError!;
      add(s);
    } else if (spec === "all") {
      const s = await getSystem();
      if (s) add(s);
      fetched.forEach(add);
    } else if (await looksLikePath(spec)) {
      const abs = await absolute(spec);
      const known = fetched.find((b) => b.path === abs || b.path.startsWith(`${abs}/`));
      add(
        known ?? await buildFromPath(spec, {
          signal: options.signal,
          probeTimeoutMs: options.probeTimeoutMs,
        }),
      );
    } else {
      const matches = fetched.filter((b) => matchesVersion(b.id, spec));
      if (matches.length === 0) {
        const s = await getSystem();
        if (s && matchesVersion(opensslVersionId(s.version) ?? "", spec)) {
          add(s);
          continue;
        }
        throw unknownSpecError(spec, fetched, s);
      }
      matches.forEach(add);
    }
  }
  return out;
}

/**
 * Whether a build id ("1.1.1w", "3.5.7") matches a version spec: equal, or the spec is a prefix
 * ending at a component boundary ("3.5" matches "3.5.7", "1.1.1" matches "1.1.1w", "3.5" does not
 * match "3.50.1").
 *
 * @example
 * ```ts
 * import { matchesVersion } from "./builds.ts";
 * console.log(matchesVersion("1.1.1w", "1.1.1")); // true
 * ```
 */
export function matchesVersion(id: string, spec: string): boolean {
  if (!spec || !id.startsWith(spec)) return false;
  if (id.length === spec.length) return true;
  const next = id[spec.length];
  return next === "." ||
    (/[a-z]/.test(next) && /\d$/.test(spec) && !/\d/.test(id.slice(spec.length)));
}

function unknownSpecError(
  spec: string,
  fetched: OpensslBuild[],
  system: OpensslBuild | undefined,
): Error {
  const available = [
    ...(system ? [`system (${opensslVersionId(system.version) ?? system.version})`] : []),
    ...fetched.map((b) => b.id),
  ];
  const fetchable = pointReleaseFamily(spec)
    ? spec
    : FETCHABLE_LABELS.find((l) => spec.startsWith(l) || l.startsWith(spec));
  const how = fetchable
    ? `fetch it with "deno task harness openssl fetch ${fetchable}"`
    : `fetchable versions are ${FETCHABLE_LABELS.map((l) => `"${l}"`).join(", ")} ` +
      `("deno task harness openssl fetch 3.5"), or pass a path to your own build`;
  return new Error(
    `Unknown OpenSSL build "${spec}": available: ${
      available.length ? available.join(", ") : "none"
    }; ${how}`,
  );
}

async function looksLikePath(spec: string): Promise<boolean> {
  if (spec.includes("/") || spec.startsWith(".") || spec.startsWith("~")) return true;
  try {
    await Deno.stat(spec);
    return true;
  } catch {
    return false;
  }
}

async function absolute(path: string): Promise<string> {
  if (path.startsWith("~/")) path = `${Deno.env.get("HOME") ?? ""}${path.slice(1)}`;
  const abs = path.startsWith("/") ? path : `${Deno.cwd()}/${path}`;
  try {
    return await Deno.realPath(abs);
  } catch {
    return abs.replace(/\/+$/, "");
  }
}

function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

/** The versioned libssl / libcrypto in a folder, or undefined when it holds no libssl. */
async function findLibraries(
  dir: string,
): Promise<{ libssl: string; libcrypto: string } | undefined> {
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) names.push(e.name);
  } catch {
    return undefined;
  }
  // Prefer the versioned soname (what the binary loads) over the unversioned dev symlink.
  const pick = (lib: string) =>
    names.filter((n) => n.startsWith(`${lib}.so`)).sort((a, b) => b.length - a.length)
      .find((n) => n !== `${lib}.so`) ?? names.find((n) => n === `${lib}.so`);
  const libssl = pick("libssl");
  const libcrypto = pick("libcrypto");
  return libssl && libcrypto ? { libssl, libcrypto } : undefined;
}
