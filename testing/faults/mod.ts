/**
 * Fault testing: fake `openssl` builds that hang, crash, print garbage or say nothing (pass one
 * with `--openssl PATH`), and a look at the real process table (`/proc`) to prove that nothing
 * a run started is left behind. The tests beside this file drive the CLI through every fault.
 *
 * @example
 * ```ts ignore
 * import { processesMatching, writeFakeOpenssl } from "./mod.ts";
 * const dir = await Deno.makeTempDir();
 * const fake = await writeFakeOpenssl(dir, { fault: "hang", role: "s_server" });
 * // … deno task harness run --openssl <fake> --timeout 2 …
 * console.log(processesMatching(dir)); // [] once the run is over
 * ```
 * @module
 */
export * from "./fake_openssl.ts";
export * from "./process_table.ts";
