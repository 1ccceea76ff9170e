import { ProcessError, run } from "../process/mod.ts";
import type { OpensslBuild } from "./build.ts";

const CHECK_TIMEOUT_MS = 30_000;

/**
 * Run `openssl version` through the build's launch; a description of the problem, or
 * `undefined` when it prints the manifest's version.
 */
export async function checkVersion(
  build: OpensslBuild,
  signal?: AbortSignal,
): Promise<string | undefined> {
  try {
    const r = await run(build.launch.command, {
      args: [...build.launch.args, "version"],
      env: build.launch.env,
      timeoutMs: CHECK_TIMEOUT_MS,
      signal,
    });
    if (r.code !== 0) return `"openssl version" exited with ${r.code}: ${r.stderr.trim()}`;
    if (r.stdout.trim() !== build.version) {
      return `"openssl version" printed "${r.stdout.trim()}", expected "${build.version}"`;
    }
    return undefined;
  } catch (e) {
    if (signal?.aborted) throw e;
    return (e as Error).message;
  }
}

/** What `openssl version` prints through a launch, or an Error with its stderr. */
export async function opensslVersion(
  launch: OpensslBuild["launch"],
  label: string,
  signal?: AbortSignal,
): Promise<string> {
  const v = await run(launch.command, {
    args: [...launch.args, "version"],
    env: launch.env,
    timeoutMs: CHECK_TIMEOUT_MS,
    signal,
  });
  if (v.code !== 0) {
    throw new Error(
      `The fetched OpenSSL ${label} does not run (exit code ${v.code}): ${v.stderr.trim()}`,
    );
  }
  return v.stdout.trim();
}

/**
 * Check that a Deno process started as the build's `ffiLaunch` can dlopen its libssl and call
 * into it; returns the library's own version text.
 *
 * @throws {ProcessError} with the command and its output when it cannot.
 */
export async function checkFfi(build: OpensslBuild, signal?: AbortSignal): Promise<string> {
  const f = build.ffiLaunch!;
  const code = `
    const lib = Deno.dlopen(${JSON.stringify(build.libssl)}, {
      OpenSSL_version: { parameters: ["i32"], result: "pointer" },
      SSL_SESSION_new: { parameters: [], result: "pointer" },
      SSL_SESSION_free: { parameters: ["pointer"], result: "void" },
    });
    const s = lib.symbols.SSL_SESSION_new();
    if (s === null) throw new Error("SSL_SESSION_new returned NULL");
    lib.symbols.SSL_SESSION_free(s);
    console.log(Deno.UnsafePointerView.getCString(lib.symbols.OpenSSL_version(0)));
  `;
  const r = await run(f.command, {
    args: [...f.args, "eval", "--no-config", code],
    env: { ...f.env, DENO_NO_UPDATE_CHECK: "1" },
    timeoutMs: CHECK_TIMEOUT_MS,
    signal,
  });
  if (r.code !== 0) {
    throw new ProcessError(
      `Deno cannot dlopen "${build.libssl}" through the build's ffiLaunch (exit code ${r.code})`,
      { command: r.argv.join(" "), code: r.code, stdout: r.stdout, stderr: r.stderr },
    );
  }
  return r.stdout.trim();
}
