/**
 * Where the harness keeps what it downloads and derives (fetched OpenSSL builds, capability
 * probes): the override if given, else `$TLS_HARNESS_CACHE`, else
 * `$XDG_CACHE_HOME/tls-session-harness`, else `~/.cache/tls-session-harness`.
 *
 * Empty variables count as unset, so `TLS_HARNESS_CACHE= deno task …` falls back rather than
 * writing into the current directory.
 *
 * @param override An explicit folder (`--cache-dir`).
 * @param getEnv Reads an environment variable. @default {Deno.env.get}
 *
 * @example
 * ```ts
 * import { cacheDir } from "./cache_dir.ts";
 * console.log(cacheDir()); // e.g. /home/me/.cache/tls-session-harness
 * console.log(cacheDir("/tmp/c")); // /tmp/c
 * ```
 */
export function cacheDir(
  override?: string,
  getEnv: (name: string) => string | undefined = (name) => Deno.env.get(name),
): string {
  if (override) return override;
  const env = (name: string) => getEnv(name) || undefined;
  const explicit = env("TLS_HARNESS_CACHE");
  if (explicit) return explicit;
  const xdg = env("XDG_CACHE_HOME");
  if (xdg) return `${xdg.replace(/\/+$/, "")}/tls-session-harness`;
  const home = env("HOME");
  if (!home) {
    throw new Error(
      "Cannot choose a cache directory: none of TLS_HARNESS_CACHE, XDG_CACHE_HOME, HOME is set; " +
        "set TLS_HARNESS_CACHE or pass --cache-dir",
    );
  }
  return `${home.replace(/\/+$/, "")}/.cache/tls-session-harness`;
}
