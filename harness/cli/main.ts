/**
 * The CLI as a function: {@linkcode main} picks the command and maps errors to exit codes. Each
 * command lives in its own `*_command.ts`; what they share is in `io.ts`.
 * @module
 */
import { TempDirError } from "../temp_dir/mod.ts";
import { ScenarioValidationError } from "../scenario/mod.ts";
import { buildsCommand } from "./builds_command.ts";
import { claimsCommand } from "./claims_command.ts";
import { MAIN_HELP } from "./help.ts";
import { type CliIo, ExitCode, UsageError } from "./io.ts";
import { listCommand } from "./list_command.ts";
import { matrixCommand } from "./matrix_command.ts";
import { mutateCommand } from "./mutate_command.ts";
import { opensslCommand } from "./openssl_command.ts";
import { reportCommand } from "./report_command.ts";
import { runCommand } from "./run_command.ts";

/** A command: its arguments (after the command name) in, its exit code out. */
type Command = (args: string[], io: CliIo, signal?: AbortSignal) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  run: runCommand,
  list: listCommand,
  claims: claimsCommand,
  builds: buildsCommand,
  openssl: opensslCommand,
  report: reportCommand,
  matrix: matrixCommand,
  mutate: mutateCommand,
};

/**
 * The whole CLI as a function: parse `args`, do the work, return the exit code
 * (0 all passed, 1 something failed or errored, 2 usage or configuration error).
 *
 * @example
 * ```ts ignore
 * import { main } from "./main.ts";
 * import { processIo } from "./io.ts";
 * const code = await main(["list", "--tag", "ffi"], processIo());
 * ```
 */
export async function main(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === undefined || ["-h", "--help", "help"].includes(command)) {
      await io.stdout(MAIN_HELP);
      return command === undefined ? ExitCode.usage : ExitCode.ok;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new UsageError(`Unknown command "${command}": see "deno task harness --help"`);
    return await run(rest, io, signal);
  } catch (e) {
    if (!isUsageError(e)) throw e;
    await io.stderr(`error: ${(e as Error).message}\n`);
    return ExitCode.usage;
  }
}

/** Errors that mean "fix the command line or the configuration": exit code 2, no stack. */
function isUsageError(e: unknown): boolean {
  if (
    e instanceof UsageError || e instanceof ScenarioValidationError || e instanceof TempDirError
  ) {
    return true;
  }
  // node:util parseArgs throws TypeErrors with these codes for unknown or malformed options.
  const code = (e as { code?: string })?.code ?? "";
  return code.startsWith("ERR_PARSE_ARGS") || code === "ERR_INVALID_ARG_VALUE";
}
