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
  const path = await Deno.makeTempDir({
    prefix: options.prefix ?? "tls-harness-",
    dir: options.parent,
  });
  await Deno.chmod(path, 0o700);
  return {
    path,
    [Symbol.asyncDispose]: async () => {
      await Deno.remove(path, { recursive: true }).catch((e) => {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      });
    },
  };
}
