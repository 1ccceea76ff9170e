import { run } from "../process/mod.ts";
import { isOpensslVersionLine } from "./version.ts";

/**
 * One OpenSSL build the harness can run: the system one, one fetched from Debian's archive, or
 * one a user passed by path. How it is launched is data: builds that need a newer glibc than the
 * host's run under another dynamic loader, and every caller (CLI peers, FFI driver) goes through
 * {@linkcode OpensslBuild.launch}.
 */
export interface OpensslBuild {
  /** Short label used in reports and `--openssl`: "system", "1.1.1w", "3.5.7", a path… */
  id: string;
  /** What `openssl version` prints, exactly (e.g. "OpenSSL 3.0.19 27 Jan 2026"). */
  version: string;
  /** The `openssl` binary itself. */
  path: string;
  /** Where the build came from. */
  source: "system" | "fetched" | "path";
  /** How to start it: argv prefix and environment additions, then the openssl arguments. */
  launch: {
    /** The program to exec (the binary, or a dynamic loader). */
    command: string;
    /** Arguments that come before openssl's own (loader options, then the binary). */
    args: string[];
    /** Environment additions (e.g. LD_LIBRARY_PATH). */
    env: Record<string, string>;
  };
  /** The libssl shared object of this build, for FFI, when known. */
  libssl?: string;
  /** The libcrypto shared object of this build, for FFI, when known. */
  libcrypto?: string;
  /**
   * For FFI: how to start a Deno process that can load this build's libssl (loader and library
   * path), when the host's loader cannot.
   */
  ffiLaunch?: { command: string; args: string[]; env: Record<string, string> };
}

/** The argv and environment that run `openssl <args…>` for a build. */
export function opensslArgv(
  build: OpensslBuild,
  args: string[],
): { command: string; args: string[]; env: Record<string, string> } {
  return {
    command: build.launch.command,
    args: [...build.launch.args, ...args],
    env: build.launch.env,
  };
}

/**
 * The `openssl` found on PATH (or `$OPENSSL`), as a build. Throws an Error that says what to
 * install or pass when there is none.
 */
export async function systemBuild(options: { signal?: AbortSignal } = {}): Promise<OpensslBuild> {
  const command = Deno.env.get("OPENSSL") ?? "openssl";
  let version: string;
  let path = command;
  try {
    const r = await run(command, { args: ["version"], timeoutMs: 10_000, signal: options.signal });
    if (r.code !== 0) throw new Error(r.stderr.trim() || `exit code ${r.code}`);
    version = r.stdout.trim();
    if (!isOpensslVersionLine(version)) {
      throw new Error(
        `"${command} version" printed ${
          JSON.stringify(version.slice(0, 120))
        }, not an OpenSSL version`,
      );
    }
    if (!command.includes("/")) {
      for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
        const candidate = `${dir}/${command}`;
        try {
          if (Deno.statSync(candidate).isFile) {
            path = candidate;
            break;
          }
        } catch { /* not here */ }
      }
    }
  } catch (e) {
    throw new Error(
      `No usable "openssl" on PATH: ${(e as Error).message}. ` +
        `Install it (Debian: "apt-get install openssl") or pass a build with --openssl PATH`,
      { cause: e },
    );
  }
  return {
    id: "system",
    version,
    path,
    source: "system",
    launch: { command: path, args: [], env: {} },
  };
}
