/**
 * Test helper: the BoringSSL builds fetched into the shared cache. Tests that need one are
 * registered with `ignore` and a name that says how to fetch it, so a machine without the
 * builds skips them visibly instead of passing them.
 *
 * @module
 */
import { cacheDir } from "../../harness/cache_dir/mod.ts";
import type { Build } from "../../harness/impl/boringssl/_interface.ts";
import { fetchedBoringssl } from "../../harness/impl/boringssl/fetch.ts";

/** Fetched builds by family ("10", "13", "14"). */
export const FETCHED: ReadonlyMap<string, Build> = new Map(
  (await fetchedBoringssl(cacheDir())).map((b) => [b.family, b]),
);

/** A test name that says why it is skipped when the build is missing. */
export function liveName(name: string, family: string): string {
  return FETCHED.has(family)
    ? `${name} [boringssl ${family}]`
    : `${name} [boringssl ${family}: skipped, not fetched; fetch it with fetchBoringssl("${family}")]`;
}
