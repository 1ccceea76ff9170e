/**
 * Line-buffered stdio for an `openssl` child without an extra process. With stdout on a pipe,
 * OpenSSL's stdio is block-buffered, so a step that reads a peer's lines while it runs (an
 * `s_server`'s per-connection lines) could see them one connection late. `stdbuf -oL -eL` fixes
 * that by preloading coreutils' `libstdbuf.so` with `_STDBUF_O=L _STDBUF_E=L` and exec'ing the
 * command; setting the same three variables on the child gives the same buffering at the cost of
 * one exec less (it works for loader-launched builds too: `ld.so` honours `LD_PRELOAD`). When the
 * library cannot be found next to `stdbuf`, the child is started through `stdbuf` itself.
 *
 * @example
 * ```ts
 * import { lineBuffering } from "./line_buffering.ts";
 * const how = lineBuffering();
 * console.log("env" in how ? how.env : how.wrapper);
 * ```
 * @module
 */

/** How to make a child's stdout and stderr line-buffered. */
export type LineBuffering =
  /** Environment additions (the preload and its settings): no extra process. */
  | { env: Record<string, string> }
  /** A command to exec the child through (`stdbuf -oL -eL`). */
  | { wrapper: string[] };

let cached: LineBuffering | undefined;

/**
 * How this machine makes a child line-buffered: `libstdbuf.so` found beside the `stdbuf` on PATH
 * (`<prefix>/libexec/coreutils/`, or `<prefix>/lib/coreutils/` on older layouts), else `stdbuf`
 * as a wrapper. Looked up once per process.
 */
export function lineBuffering(): LineBuffering {
  if (cached) return cached;
  const stdbuf = onPath("stdbuf");
  const prefix = stdbuf?.replace(/\/bin\/stdbuf$/, "");
  const candidates = prefix && prefix !== stdbuf
    ? [`${prefix}/libexec/coreutils/libstdbuf.so`, `${prefix}/lib/coreutils/libstdbuf.so`]
    : [];
  const lib = candidates.find(isFile);
  cached = lib
    ? { env: { LD_PRELOAD: lib, _STDBUF_O: "L", _STDBUF_E: "L" } }
    : { wrapper: ["stdbuf", "-oL", "-eL"] };
  return cached;
}

function onPath(name: string): string | undefined {
  let path = "";
  try {
    path = Deno.env.get("PATH") ?? "";
  } catch { /* no --allow-env: fall back to stdbuf by name */ }
  return path.split(":").filter(Boolean).map((d) => `${d}/${name}`).find(isFile);
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}
