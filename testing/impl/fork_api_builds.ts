/**
 * Test helper: every fetched BoringSSL and wolfSSL build as the registry lists it (libraries,
 * loader, symbol map and driver options in `ffi`), for the live per-op tests and the per-fork
 * scenario runs.
 *
 * @module
 */
import type { Build } from "../../harness/impl/interface/mod.ts";
import { boringssl } from "../../harness/impl/boringssl/implementation.ts";
import { wolfssl } from "../../harness/impl/wolfssl/mod.ts";
import { cacheDir } from "../../harness/cache_dir/mod.ts";

/** The fetched forks with an `ffi` block, BoringSSL families first, oldest first. */
export const FORK_API_BUILDS: readonly Build[] = [
  ...await boringssl.list({ cacheDir: cacheDir() }),
  ...await wolfssl.list({ cacheDir: cacheDir() }),
].filter((b) => b.ffi !== undefined);
