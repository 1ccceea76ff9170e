/**
 * How a child gets a session (and process group) of its own. Deno's `detached: true` does it
 * with a `pre_exec` hook, which makes Rust fork the whole harness instead of `posix_spawn`ing
 * (vfork) the child: measured here, 2–3 ms of the harness's CPU per spawn on its one thread,
 * plus copy-on-write faults on both sides — about 11 ms of CPU per process in a matrix run,
 * a fifth of the matrix's CPU. util-linux's `setsid(1)` does the same from inside the child:
 * it calls `setsid()` and execs the command in place (same pid), so the harness spawns
 * without forking. Where there is no `setsid(1)`, `detached` is used as before.
 *
 * `setsid(1)` finds the command on its own; the harness resolves it first (PATH, as Deno
 * would) so that a missing command is still an error at spawn time, not an exit code 127.
 *
 * @example
 * ```ts ignore
 * const { command, args, detached } = ownSessionLaunch("openssl", ["version"], {});
 * new Deno.Command(command, { args, detached }).spawn();
 * ```
 * @module
 */
import { isDynamicElf, SESSION_MARKER, sessionPreload } from "./session_preload.ts";

/** The setsid(1) of util-linux, if this machine has one. */
const SETSID = ["/usr/bin/setsid", "/bin/setsid"].find(isExecutable);

function isExecutable(path: string): boolean {
  try {
    const s = Deno.statSync(path);
    return s.isFile && ((s.mode ?? 0o111) & 0o111) !== 0;
  } catch {
    return false;
  }
}

const resolved = new Map<string, string>();

/**
 * `command` as an absolute path: itself when it is one, else the first on PATH. Undefined for a
 * relative path (`./x`: whether it is taken from the child's cwd or the harness's is Deno's to
 * say) and for what cannot be found.
 */
export function resolveCommand(command: string, path: string | undefined): string | undefined {
  if (command.startsWith("/")) return isExecutable(command) ? command : undefined;
  if (command.includes("/")) return undefined;
  const key = `${path}\0${command}`;
  let found = resolved.get(key);
  if (!found) {
    // Only hits are kept: a command installed later is found then.
    const dirs = (path ?? "").split(":").filter(Boolean);
    found = dirs.map((d) => `${d}/${command}`).find(isExecutable);
    if (found) resolved.set(key, found);
  }
  return found;
}

/** What to hand to `Deno.Command` so that `command` runs in a session of its own. */
export interface OwnSessionLaunch {
  /** The program Deno starts (setsid(1), or the command itself). */
  command: string;
  /** Its arguments. */
  args: string[];
  /** Deno's `detached` (only without setsid(1)). */
  detached: boolean;
  /** Environment additions the launch needs on top of the caller's (the session preload). */
  env?: Record<string, string>;
}

/**
 * The launch of `command args` in a session of its own: the command itself with the session
 * preload when the dynamic loader starts it and the library could be built
 * (session_preload.ts), else through setsid(1) when there is one, else with Deno's `detached`.
 * `env` is the child's environment additions (its PATH, if set, is the one searched). A command that cannot be found, or a relative path, is left to Deno's
 * `detached` (which throws `NotFound` for a missing one, as before).
 */
export function ownSessionLaunch(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
): OwnSessionLaunch {
  let path: string | undefined = env.PATH;
  if (path === undefined) {
    try {
      path = Deno.env.get("PATH");
    } catch { /* no --allow-env: PATH lookups go to Deno */ }
  }
  const absolute = resolveCommand(command, path);
  if (!absolute) return { command, args: [...args], detached: true };
  const lib = isDynamicElf(absolute) ? sessionPreload() : null;
  if (lib) {
    let inherited: string | undefined = env.LD_PRELOAD;
    if (inherited === undefined) {
      try {
        inherited = Deno.env.get("LD_PRELOAD");
      } catch { /* no --allow-env */ }
    }
    const preload = inherited ? `${lib}:${inherited}` : lib;
    return {
      command: absolute,
      args: [...args],
      detached: false,
      env: { LD_PRELOAD: preload, [SESSION_MARKER]: "1" },
    };
  }
  if (!SETSID) return { command, args: [...args], detached: true };
  return { command: SETSID, args: [absolute, ...args], detached: false };
}
