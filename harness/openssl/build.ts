import type { Build, Capability } from "../impl/interface/mod.ts";
import { isOpensslVersionLine, opensslVersionId } from "./version.ts";
import { ProbeTimeoutError, probeVersion } from "./version_probe.ts";
import { cachedVersionLine } from "./version_cache.ts";

/**
 * One OpenSSL build the harness can run: the system one, one fetched from Debian's archive, or
 * one a user passed by path. How it is launched is data: builds that need a newer glibc than the
 * host's run under another dynamic loader, and every caller (CLI peers, FFI driver) goes through
 * {@linkcode OpensslBuild.launch}.
 */
export interface OpensslBuild extends Build {
  /** Always "openssl". */
  implementation: "openssl";
  /** Short label used in reports and `--openssl`: "system", "1.1.1w", "3.5.7", a path… */
  id: string;
  /** What `openssl version` prints, exactly (e.g. "OpenSSL 3.0.19 27 Jan 2026"). */
  version: string;
  /** The `openssl` binary itself. */
  path: string;
  /** Where the build came from. */
  source: "system" | "fetched" | "path";
  /** "openssl": its `s_client` / `s_server` speak the flags the context's peers pass. */
  cliDialect: "openssl";
  /** "openssl-pem": what `s_client -sess_out` writes. */
  sessionFileFormat: "openssl-pem";
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

/** What {@linkcode opensslBuild} completes: everything an OpenSSL build's files tell. */
export type OpensslBuildFields = Omit<
  OpensslBuild,
  "implementation" | "family" | "capabilities" | "cliDialect" | "sessionFileFormat"
>;

/**
 * An OpenSSL build from what its files tell: the family its version names ("3.5.9" → "3.5",
 * "1.1.1w" → "1.1.1") and its capabilities. Every OpenSSL build has `s_client`, `s_server` and
 * `-sess_out`/`-sess_in` (its `openssl version` was checked before it got here); `api` and
 * `tcp-peer` (the FFI driver, over memory BIOs or a socket) need its libssl and libcrypto.
 *
 * @example
 * ```ts
 * import { opensslBuild } from "./build.ts";
 * const b = opensslBuild({
 *   id: "3.5.9", version: "OpenSSL 3.5.9 29 Sep 2026", path: "/x/openssl", source: "fetched",
 *   launch: { command: "/x/openssl", args: [], env: {} },
 * });
 * console.log(b.family, b.capabilities); // "3.5" ["cli-client", "cli-server", "session-file"]
 * ```
 */
export function opensslBuild(fields: OpensslBuildFields): OpensslBuild {
  const v = opensslVersionId(fields.version) ?? "";
  const family = /^1\.1\.1/.test(v) ? "1.1.1" : (/^\d+\.\d+/.exec(v)?.[0] ?? "");
  const capabilities: Capability[] = ["cli-client", "cli-server", "session-file"];
  const libs = Boolean(fields.libssl && fields.libcrypto);
  if (libs) capabilities.push("api", "tcp-peer");
  const noLibs = `no libssl/libcrypto beside "${fields.path}": pass the build's install prefix ` +
    `or build tree instead of the binary alone`;
  return {
    implementation: "openssl",
    ...fields,
    ...(libs ? {} : { missing: { api: noLibs, "tcp-peer": noLibs } }),
    family,
    ...(v ? { versionNumber: v } : {}),
    capabilities,
    cliDialect: "openssl",
    sessionFileFormat: "openssl-pem",
  };
}

/** Where the system's libssl.so.3 lives on Debian-like x86_64 hosts (first match wins). */
const SYSTEM_LIB_DIRS = [
  "/usr/lib/x86_64-linux-gnu",
  "/lib/x86_64-linux-gnu",
  "/usr/lib64",
  "/usr/lib",
];

function systemLibraries(): { libssl: string; libcrypto: string } | undefined {
  const isFile = (path: string) => {
    try {
      return Deno.statSync(path).isFile;
    } catch {
      return false;
    }
  };
  for (const dir of SYSTEM_LIB_DIRS) {
    const libssl = `${dir}/libssl.so.3`;
    const libcrypto = `${dir}/libcrypto.so.3`;
    if (isFile(libssl) && isFile(libcrypto)) return { libssl, libcrypto };
  }
  return undefined;
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
 * The `openssl` found on PATH (or `$OPENSSL`), as a build, with the host's libssl.so.3 for FFI
 * when there is one. Throws an Error that says what to
 * install or pass when there is none.
 */
export async function systemBuild(
  options: { signal?: AbortSignal; probeTimeoutMs?: number; cacheDir?: string } = {},
): Promise<OpensslBuild> {
  const command = Deno.env.get("OPENSSL") ?? "openssl";
  let version: string;
  let path = command;
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
  const libs = systemLibraries();
  try {
    // With a cache dir, a line probed before is reused while the binary, its libraries and
    // the environment that loads them are unchanged (version_cache.ts).
    version = await cachedVersionLine(
      options.cacheDir,
      path,
      libs ? [libs.libssl, libs.libcrypto] : [],
      async () => {
        const r = await probeVersion(command, {
          build: `The system OpenSSL build ("${command}" on PATH)`,
          timeoutMs: options.probeTimeoutMs,
          signal: options.signal,
        });
        if (r.code !== 0) throw new Error(r.stderr.trim() || `exit code ${r.code}`);
        const line = r.stdout.trim();
        if (!isOpensslVersionLine(line)) {
          throw new Error(
            `"${command} version" printed ${
              JSON.stringify(line.slice(0, 120))
            }, not an OpenSSL version`,
          );
        }
        return line;
      },
    );
  } catch (e) {
    // It is there but too slow to answer: "install it" would be wrong advice.
    if (e instanceof ProbeTimeoutError || options.signal?.aborted) throw e;
    throw new Error(
      `No usable "openssl" on PATH: ${(e as Error).message}. ` +
        `Install it (Debian: "apt-get install openssl") or pass a build with --openssl PATH`,
      { cause: e },
    );
  }
  return opensslBuild({
    id: "system",
    version,
    path,
    source: "system",
    launch: { command: path, args: [], env: {} },
    ...libs,
  });
}
