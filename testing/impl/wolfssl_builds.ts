import { fetchedWolfssl } from "../../harness/impl/wolfssl/fetch.ts";
import type { WolfsslBuild } from "../../harness/impl/wolfssl/build.ts";

/** The harness cache the tests look in (`$TLS_HARNESS_CACHE` or `~/.cache/tls-session-harness`). */
export function testCacheDir(): string {
  return Deno.env.get("TLS_HARNESS_CACHE") ??
    `${Deno.env.get("HOME") ?? "/root"}/.cache/tls-session-harness`;
}

/** The fetched wolfSSL builds, for tests that need a real library. */
export const FETCHED: readonly WolfsslBuild[] = await fetchedWolfssl(testCacheDir());

/**
 * Options for a test that needs a fetched library: ignored (and says why in its name) when
 * none is in the cache.
 */
export function needsBuild(name: string): { name: string; ignore: boolean } {
  return FETCHED.length > 0 ? { name, ignore: false } : {
    name: `${name} (skipped: no wolfSSL build in "${testCacheDir()}/builds"; run fetchWolfssl())`,
    ignore: true,
  };
}
