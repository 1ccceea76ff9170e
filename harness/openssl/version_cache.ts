/**
 * The system build's `openssl version`, remembered: every run probed it again (~40 ms on the
 * path of a one-scenario run, before its first peer). A remembered line is used only while
 * nothing it depends on changed: the binary (path, size, mtime, inode), the libraries beside
 * it (the same for each), and the environment variables that change what `openssl` loads; and
 * for a day at most. Only a probe that succeeded is remembered.
 *
 * @example
 * ```ts ignore
 * const line = await cachedVersionLine(cacheDir, "/usr/bin/openssl", libs, () => probe());
 * ```
 * @module
 */
import { toHex } from "../encoding/mod.ts";

/** A remembered line is used for at most this long. */
export const VERSION_CACHE_MAX_AGE_MS = 24 * 3600 * 1000;

/** Environment variables that change what `openssl version` prints or loads. */
const ENV = ["LD_LIBRARY_PATH", "LD_PRELOAD", "OPENSSL_CONF", "OPENSSL_MODULES"];

function fileKey(path: string): string {
  try {
    const s = Deno.statSync(path);
    return `${path}:${s.size}:${s.mtime?.getTime()}:${s.ino}`;
  } catch {
    return `${path}:absent`;
  }
}

async function cacheFile(cacheDir: string, binary: string, libs: readonly string[]) {
  const env: Record<string, string | undefined> = {};
  for (const k of ENV) {
    try {
      env[k] = Deno.env.get(k);
    } catch { /* no --allow-env: not part of the key */ }
  }
  const text = JSON.stringify({ binary: fileKey(binary), libs: libs.map(fileKey), env });
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return `${cacheDir}/probes/system-version-${toHex(new Uint8Array(digest)).slice(0, 16)}.json`;
}

/**
 * `probe()`'s line for this binary, from the cache when it is still valid; otherwise probed
 * and, when `probe` resolves, remembered. `now` is for tests.
 */
export async function cachedVersionLine(
  cacheDir: string | undefined,
  binary: string,
  libs: readonly string[],
  probe: () => Promise<string>,
  now = Date.now(),
): Promise<string> {
  if (!cacheDir || !binary.startsWith("/")) return await probe();
  const file = await cacheFile(cacheDir, binary, libs);
  try {
    const saved = JSON.parse(await Deno.readTextFile(file));
    const age = now - saved.at;
    if (typeof saved.line === "string" && age >= 0 && age < VERSION_CACHE_MAX_AGE_MS) {
      return saved.line;
    }
  } catch { /* none yet, or unreadable: probe */ }
  const line = await probe();
  try {
    await Deno.mkdir(`${cacheDir}/probes`, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${crypto.randomUUID()}.tmp`;
    await Deno.writeTextFile(tmp, JSON.stringify({ line, at: now }), { mode: 0o600 });
    await Deno.rename(tmp, file);
  } catch { /* a read-only cache: probe next time */ }
  return line;
}
