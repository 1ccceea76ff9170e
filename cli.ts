/**
 * The command line: `deno task harness <command>`. Thin on purpose: it wires signals and the
 * process's stdio to {@linkcode main} and is the one place that calls `Deno.exit`.
 * @module
 */
import { main, processIo } from "./harness/cli/mod.ts";
import { killAllChildren, startWatchdog } from "./harness/process/mod.ts";
import { removeLiveTempDirs } from "./harness/temp_dir/mod.ts";

// Session files hold master secrets and openssl creates them with the umask it inherits: one
// private umask for the whole process, set before any child starts (no shell per openssl).
Deno.umask(0o077);

/**
 * Signals closer than this to the first are the same interrupt: `deno task` forwards the
 * terminal's SIGINT to the CLI, which the terminal also sent it, so one Ctrl-C arrives twice
 * within a millisecond. Only a later one means "stop waiting for the report".
 */
const REPEAT_WINDOW_MS = 1000;

const exitCodes: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };
const controller = new AbortController();
let first: { signal: Deno.Signal; at: number } | undefined;
const onSignal = (signal: Deno.Signal) => async () => {
  const now = performance.now();
  if (!first) {
    first = { signal, at: now };
    controller.abort(new Error(`received ${signal}`));
    await killAllChildren();
    return;
  }
  if (now - first.at < REPEAT_WINDOW_MS) return;
  // A second interrupt: give up on the report, not on the cleanup (the keys and session files).
  await killAllChildren();
  removeLiveTempDirs();
  Deno.exit(exitCodes[first.signal]);
};
for (const s of ["SIGINT", "SIGTERM"] as const) Deno.addSignalListener(s, onSignal(s));

// If this process dies without cleaning up (SIGKILL, a crash), the watchdog kills its peers.
const watchdog = startWatchdog();
let code: number;
try {
  code = await main(Deno.args, processIo(), controller.signal);
} catch (e) {
  await killAllChildren();
  const text = e instanceof Error ? e.stack ?? e.message : String(e);
  await Deno.stderr.write(new TextEncoder().encode(`internal error: ${text}\n`));
  code = 2;
}
await killAllChildren();
await watchdog[Symbol.asyncDispose]();
if (first) code = exitCodes[first.signal];
Deno.exit(code);
