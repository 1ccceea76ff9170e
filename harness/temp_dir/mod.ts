/**
 * Private temp directories: session files and keys hold secrets, so every directory the
 * harness writes to is made 0700 and removed on dispose. A directory that cannot be made is a
 * {@linkcode TempDirError} (a configuration problem: exit code 2 in the CLI).
 *
 * @example
 * ```ts
 * import { makePrivateTempDir } from "./mod.ts";
 * await using dir = await makePrivateTempDir({ prefix: "demo-" });
 * console.log(dir.path);
 * ```
 * @module
 */
export * from "./private_temp_dir.ts";
