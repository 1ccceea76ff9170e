import { type ChildProcess, spawn, type SpawnOptions } from "../process/mod.ts";
import { opensslArgv, type OpensslBuild } from "./build.ts";
import { lineBuffering } from "./line_buffering.ts";

/** Options for {@linkcode spawnOpenssl}. */
export interface SpawnOpensslOptions extends Omit<SpawnOptions, "args" | "env"> {
  /**
   * Make stdout and stderr line-buffered (see `line_buffering.ts`): needed when a step reads the
   * child's lines while it runs. Measured per role (README, "Benchmark"): `s_server` needs it
   * (its per-connection lines, "Reused session-id", are read while it keeps serving), and so
   * does `s_client`: it prints its own text through buffered stdio but writes what the server
   * sent (the barrier line) with a raw write(2), so without line buffering a 4 KiB buffer
   * flushed mid-line glues the barrier onto half a session block (the barrier is never seen as
   * a line, and the transcript is garbled). `sess_id` and the other one-shot commands are read
   * after they exit and go through `run()`, unbuffered.
   * @default {true}
   */
  lineBuffered?: boolean;
}

/**
 * Start `openssl <args>` of a build directly: no shell, and no `stdbuf` process (line buffering,
 * when asked for, is an environment addition). Session files hold master secrets and OpenSSL
 * creates `-sess_out` files with the process umask, which the child inherits: the CLI sets
 * `Deno.umask(0o077)` once for the harness process (cli.ts), so they are 0600 from the moment
 * they exist; they also live in the scenario's private (0700) directory.
 *
 * @example
 * ```ts ignore
 * const child = spawnOpenssl(build, ["s_client", "-connect", "127.0.0.1:4433"], { stdin: true });
 * ```
 */
export function spawnOpenssl(
  build: OpensslBuild,
  args: string[],
  options: SpawnOpensslOptions = {},
): ChildProcess {
  const { lineBuffered = true, ...rest } = options;
  const argv = opensslArgv(build, args);
  if (!lineBuffered) return spawn(argv.command, { ...rest, args: argv.args, env: argv.env });
  const how = lineBuffering();
  if ("wrapper" in how) {
    const [command, ...prefix] = how.wrapper;
    return spawn(command, {
      ...rest,
      args: [...prefix, argv.command, ...argv.args],
      env: argv.env,
    });
  }
  const preload = [how.env.LD_PRELOAD, argv.env.LD_PRELOAD].filter(Boolean).join(":");
  return spawn(argv.command, {
    ...rest,
    args: argv.args,
    env: { ...argv.env, ...how.env, LD_PRELOAD: preload },
  });
}
