import { isLoader, loaderLaunch, loaderLayout, MULTIARCH } from "../debian/mod.ts";
import { type OpensslBuild, opensslBuild } from "./build.ts";

/**
 * The folder of one fetched build: `<cache>/builds/<label>` (a family label such as "3.5", or
 * an exact point release such as "3.0.17").
 *
 * @example
 * ```ts
 * import { buildDir } from "./fetch_manifest.ts";
 * console.log(buildDir("/tmp/cache", "3.5")); // /tmp/cache/builds/3.5
 * ```
 */
export function buildDir(cache: string, label: string): string {
  return `${cache}/builds/${label}`;
}

/**
 * Read `<cache>/builds/<label>/build.json`; `undefined` when the label was never fetched.
 *
 * @throws {SyntaxError} naming the file when it is not a build manifest.
 * @example
 * ```ts
 * import { readBuildManifest } from "./fetch_manifest.ts";
 * import { cacheDir } from "../cache_dir/mod.ts";
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
  if (typeof b?.source !== "string") b.source = "fetched";
  if (
    typeof b?.id !== "string" || typeof b.version !== "string" || typeof b.path !== "string" ||
    typeof b.launch?.command !== "string" || !Array.isArray(b.launch.args)
  ) {
    throw new SyntaxError(
      `Invalid build manifest "${file}": expected an object with id, version, path and launch`,
    );
  }
  // Family and capabilities are recomputed from the files, so older manifests get them too.
  return withCurrentDeno(opensslBuild(b));
}

/**
 * The labels of every build in the cache that has a manifest (families and point releases),
 * sorted. Hidden folders (fetches in progress) are skipped.
 *
 * @example
 * ```ts
 * import { cachedLabels } from "./fetch_manifest.ts";
 * console.log(await cachedLabels("/root/.cache/tls-session-harness")); // ["1.1.1", "3.0", "3.0.17", …]
 * ```
 */
export async function cachedLabels(cache: string): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const e of Deno.readDir(`${cache}/builds`)) {
      if (!e.isDirectory || e.name.startsWith(".")) continue;
      try {
        await Deno.stat(`${cache}/builds/${e.name}/build.json`);
        out.push(e.name);
      } catch { /* not a finished build */ }
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return out.sort();
}

/**
 * The manifest records the Deno binary that fetched it; point `ffiLaunch` at the one running now,
 * so upgrading or moving Deno does not break FFI. (Under a foreign loader `Deno.execPath()` is
 * the loader itself, which would be useless here: then the manifest is left as it is.)
 */
function withCurrentDeno(b: OpensslBuild): OpensslBuild {
  const deno = Deno.execPath();
  const f = b.ffiLaunch;
  if (!f || isLoader(deno)) return b;
  if (f.args.length === 0) return { ...b, ffiLaunch: { ...f, command: deno } };
  if (f.args.length > 0 && f.args[0] === "--library-path") {
    return { ...b, ffiLaunch: { ...f, args: [...f.args.slice(0, -1), deno] } };
  }
  return b;
}

/** Paths of one build laid out under `base` (a temp folder first, then its final place). */
export function buildLayout(base: string): { root: string; binary: string; sslLibs: string } {
  const root = `${base}/root`;
  return { root, binary: `${root}/usr/bin/openssl`, sslLibs: `${root}/${MULTIARCH}` };
}

/**
 * The manifest of a build laid out under `base`. Its id is the version `openssl version`
 * printed ("3.0.17"), or the label while that is not known yet.
 */
export function manifestFor(
  label: string,
  base: string,
  o: { libssl: string; libcrypto: string; version: string; loader: boolean },
): OpensslBuild {
  const l = buildLayout(base);
  const deno = Deno.execPath();
  const libssl = `${l.sslLibs}/${o.libssl}`;
  const libcrypto = `${l.sslLibs}/${o.libcrypto}`;
  const id = /^OpenSSL (\S+)/.exec(o.version)?.[1] ?? label;
  if (o.loader) {
    const ld = loaderLayout(`${base}/libc6`);
    return opensslBuild({
      id,
      version: o.version,
      path: l.binary,
      source: "fetched",
      launch: loaderLaunch(ld, [l.sslLibs], l.binary),
      libssl,
      libcrypto,
      ffiLaunch: loaderLaunch(ld, [l.sslLibs], deno),
    });
  }
  return opensslBuild({
    id,
    version: o.version,
    path: l.binary,
    source: "fetched",
    launch: { command: l.binary, args: [], env: { LD_LIBRARY_PATH: l.sslLibs } },
    libssl,
    libcrypto,
    ffiLaunch: { command: deno, args: [], env: { LD_LIBRARY_PATH: l.sslLibs } },
  });
}

/** The versioned libssl / libcrypto file names in a folder (e.g. libssl.so.3). */
export async function libraryNames(dir: string): Promise<{ libssl: string; libcrypto: string }> {
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
