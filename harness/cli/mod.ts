/**
 * The command line: `cli.ts` does nothing but call {@linkcode main} with the
 * process's io; `main()` parses the arguments, runs the command and returns the exit code. Help
 * texts are tested constants. The commands' own modules (`*_command.ts`) are internal.
 *
 * @example
 * ```ts ignore
 * import { main, processIo } from "./mod.ts";
 * const code = await main(["list"], processIo());
 * ```
 * @module
 */
export * from "./help.ts";
export * from "./io.ts";
export * from "./main.ts";
