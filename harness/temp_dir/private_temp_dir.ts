/** A temp directory could not be created: a configuration problem (exit code 2 in the CLI). */
export class TempDirError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "TempDirError";
  }
}

/** Where Deno.makeTempDir puts a directory when given none, as a message names it. */
function tempRoot(): string {
  let tmpdir: string | undefined;
  try {
    tmpdir = Deno.env.get("TMPDIR");
  } catch { /* no --allow-env: Deno falls back to /tmp as well */ }
  return tmpdir ? `"${tmpdir}" ($TMPDIR)` : `"/tmp" (TMPDIR is not set)`;
}

/** A temp directory only the current user can enter (0700); disposing removes it. */
export interface PrivateTempDir extends AsyncDisposable {
  /** Absolute path. */
  path: string;
}

/**
 * Make a private (0700) temp directory. Session files and keys hold secrets, so nothing the
 * harness writes may be readable by other users.
 *
 * @example
 * ```ts
 * import { makePrivateTempDir } from "./mod.ts";
 * await using dir = await makePrivateTempDir({ prefix: "demo-" });
 * console.log(dir.path);
 * ```
 */
export async function makePrivateTempDir(
  options: { prefix?: string; parent?: string } = {},
): Promise<PrivateTempDir> {
  let path: string;
  try {
    path = await Deno.makeTempDir({
      prefix: options.prefix ?? "tls-harness-",
      dir: options.parent,
    });
    await Deno.chmod(path, 0o700);
  } catch (e) {
    // Deno's own message names only the prefix ("…: tmpdir"): say which directory refused.
    const where = options.parent === undefined ? tempRoot() : `"${options.parent}"`;
    throw new TempDirError(
      `Cannot create a private temp directory in ${where}: ${(e as Error).message}; ` +
        `point TMPDIR (or --keep-artifacts) at a writable directory`,
      { cause: e },
    );
  }
  live.add(path);
  return {
    path,
    [Symbol.asyncDispose]: async () => {
      await Deno.remove(path, { recursive: true }).catch((e) => {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      });
      live.delete(path);
    },
  };
}

const live = new Set<string>();

/**
 * Remove, now and synchronously, every private temp directory not yet disposed of: what the CLI
 * does when a second interrupt tells it to exit at once, so that no key or session file is left
 * behind even when the `await using` disposals will never run. Errors are ignored (it is the
 * last thing the process does).
 *
 * @example
 * ```ts ignore
 * import { removeLiveTempDirs } from "./mod.ts";
 * removeLiveTempDirs(); // just before Deno.exit()
 * ```
 */
export function removeLiveTempDirs(): void {
  for (const path of live) {
    try {
      Deno.removeSync(path, { recursive: true });
    } catch { /* already gone, or not ours to remove */ }
    live.delete(path);
  }
}
