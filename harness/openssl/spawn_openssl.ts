import { type ChildProcess, spawn, type SpawnOptions } from "../process/mod.ts";
import { opensslArgv, type OpensslBuild } from "./build.ts";

/**
 * Start `openssl <args>` of a build with line-buffered output and private files. With stdout on
 * a pipe OpenSSL's stdio is block-buffered, so lines would arrive late or out of order;
 * `stdbuf -oL` fixes that for every build (the loader-launched ones too, as stdbuf works through
 * LD_PRELOAD). OpenSSL creates `-sess_out` files with the umask (0644 under the usual 022) and
 * they hold master secrets, so every openssl runs under `umask 077`: a per-process umask set by
 * `sh` just before the exec (Deno has no umask option for children, and `Deno.umask` would
 * change the whole harness's). Files are then 0600 from the moment they exist.
 *
 * @example
 * ```ts ignore
 * const child = spawnOpenssl(build, ["s_client", "-connect", "127.0.0.1:4433"], { stdin: true });
 * ```
 */
export function spawnOpenssl(
  build: OpensslBuild,
  args: string[],
  options: Omit<SpawnOptions, "args" | "env"> = {},
): ChildProcess {
  const argv = opensslArgv(build, args);
  return spawn("sh", {
    ...options,
    args: ["-c", PRIVATE_UMASK, "sh", "stdbuf", "-oL", "-eL", argv.command, ...argv.args],
    env: argv.env,
  });
}

/** `sh -c` script: files the command creates are private (0600, dirs 0700). */
const PRIVATE_UMASK = 'umask 077 && exec "$@"';
