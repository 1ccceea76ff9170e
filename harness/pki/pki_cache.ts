/**
 * A cache of test PKIs: the six `openssl` runs of {@linkcode TEST_PKI_RECIPE} cost about as
 * much as a short scenario, and every run made them anew. An entry is the CA and the leaf (keys
 * included: test keys, trusted by nothing but the run's own peers) in a 0700 directory of the
 * cache, per recipe and per `openssl` that made it, reused while younger than
 * {@linkcode PKI_CACHE_MAX_AGE_MS} (the certificates are valid for two days).
 *
 * Entries are never changed once made: a new one gets a new name (`<key>-<ms since epoch>`),
 * so a run copying an entry cannot meet half of another; expired ones are removed.
 *
 * @example
 * ```ts ignore
 * const entry = await findCachedPki(cacheDir, launch);   // a directory, or undefined
 * if (!entry) await storeCachedPki(cacheDir, launch, freshPkiDir);
 * ```
 * @module
 */
import { toHex } from "../encoding/mod.ts";
import { TEST_PKI_RECIPE } from "./pki_recipe.ts";

/** The files an entry holds (chain.pem is made from two of them). */
export const CACHED_PKI_FILES = ["ca.pem", "ca.key", "leaf.pem", "leaf.key"] as const;

/** An entry younger than this is reused: half the certificates' two days of validity. */
export const PKI_CACHE_MAX_AGE_MS = 24 * 3600 * 1000;

/** How `openssl` is started to make the PKI (the build, its loader and its environment). */
export interface PkiLaunch {
  /** The program. */
  command: string;
  /** Arguments before openssl's own (a loader's). */
  args: string[];
  /** Environment additions. */
  env: Record<string, string>;
}

const folder = (cacheDir: string) => `${cacheDir}/test-pki`;

/** What names an entry: the recipe and the openssl that ran it. */
async function entryKey(launch: PkiLaunch): Promise<string> {
  const text = JSON.stringify({ recipe: TEST_PKI_RECIPE, launch });
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return toHex(new Uint8Array(digest)).slice(0, 16);
}

/**
 * The newest entry for this launch that is still fresh, or undefined (none, an unreadable
 * cache). `now` is for tests.
 */
export async function findCachedPki(
  cacheDir: string,
  launch: PkiLaunch,
  now = Date.now(),
): Promise<string | undefined> {
  const key = await entryKey(launch);
  let best: { at: number; name: string } | undefined;
  try {
    for await (const e of Deno.readDir(folder(cacheDir))) {
      const m = /^([0-9a-f]{16})-(\d+)$/.exec(e.name);
      if (!e.isDirectory || !m || m[1] !== key) continue;
      const at = Number(m[2]);
      if (now - at < PKI_CACHE_MAX_AGE_MS && at <= now && (!best || at > best.at)) {
        best = { at, name: e.name };
      }
    }
  } catch {
    return undefined; // no cache yet, or not readable: make a PKI as before
  }
  return best && `${folder(cacheDir)}/${best.name}`;
}

/**
 * Store the PKI files of `fromDir` as a new entry (written aside, then renamed into place) and
 * remove every expired entry, of any launch: one of a build since removed, or of an openssl a
 * test made, would otherwise stay forever. Failures are swallowed: the cache only saves time.
 */
export async function storeCachedPki(
  cacheDir: string,
  launch: PkiLaunch,
  fromDir: string,
  now = Date.now(),
): Promise<void> {
  const dir = folder(cacheDir);
  const key = await entryKey(launch);
  try {
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
    const staging = await Deno.makeTempDir({ dir, prefix: ".new-" });
    try {
      await Deno.chmod(staging, 0o700);
      for (const f of CACHED_PKI_FILES) {
        await Deno.copyFile(`${fromDir}/${f}`, `${staging}/${f}`);
        await Deno.chmod(`${staging}/${f}`, 0o600);
      }
      await Deno.rename(staging, `${dir}/${key}-${now}`);
    } catch (e) {
      await Deno.remove(staging, { recursive: true }).catch(() => {});
      throw e;
    }
    // Past the certificates' validity nobody picks an entry (it is twice the reuse age), so
    // removing it cannot race with a run copying it.
    for await (const e of Deno.readDir(dir)) {
      const m = /^([0-9a-f]{16})-(\d+)$/.exec(e.name);
      if (m && now - Number(m[2]) > 2 * PKI_CACHE_MAX_AGE_MS) {
        await Deno.remove(`${dir}/${e.name}`, { recursive: true }).catch(() => {});
      }
    }
  } catch {
    // A read-only or full cache: the next run makes its PKI again.
  }
}
