/**
 * The command line: `deno task harness <command>`. Thin on purpose: it wires signals and the
 * process's stdio to {@linkcode main} and is the one place that calls `Deno.exit`.
 * @module
 */
import { main, processIo } from "./harness/cli/mod.ts";
import { killAllChildren } from "./harness/process/mod.ts";

// Session files hold master secrets and openssl creates them with the umask it inherits: one
// private umask for the whole process, set before any child starts (no shell per openssl).
Deno.umask(0o077);

const controller = new AbortController();
let interrupts = 0;
const onSignal = (signal: Deno.Signal) => async () => {
  interrupts++;
  if (interrupts > 1) {
    // A second signal: stop waiting for the report, reap the children and go.
    await killAllChildren();
    Deno.exit(signal === "SIGINT" ? 130 : 143);
  }
  controller.abort(new Error(`received ${signal}`));
  await killAllChildren();
};
for (const s of ["SIGINT", "SIGTERM"] as const) Deno.addSignalListener(s, onSignal(s));

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
if (controller.signal.aborted) {
  const reason = String(controller.signal.reason?.message ?? "");
  code = reason.includes("SIGINT") ? 130 : reason.includes("SIGTERM") ? 143 : 1;
}
Deno.exit(code);
