/** How a fake `openssl` misbehaves. */
export type Fault =
  /** Nothing: every command runs the real openssl (a healthy build that carries the marker). */
  | "none"
  /** Never exits and never prints (again). */
  | "hang"
  /** Kills itself with SIGSEGV, as a crashing build would. */
  | "segv"
  /** Prints bytes that are not openssl output (invalid UTF-8, escapes, a fake ACCEPT), exits 0. */
  | "garbage"
  /** Exits 0 without printing anything. */
  | "silent";

/** Options for {@linkcode writeFakeOpenssl}. */
export interface FakeOpensslOptions {
  /** What the faulty command does. @default {"none"} */
  fault?: Fault;
  /** The openssl command that misbehaves (`version`: the probe); every other runs the real one. @default {"s_server"} */
  role?: "s_server" | "s_client" | "version";
  /**
   * Misbehave only after announcing readiness: an `s_server` prints
   * `ACCEPT 127.0.0.1:<port>`, an `s_client` prints `CONNECTED(00000003)`. The port should be
   * one the caller holds (a listener that never answers), so clients have something to hang on.
   * @default {port 1 (nothing listens there)}
   */
  afterReady?: { port?: number };
  /** Ignore SIGTERM (`trap '' TERM`), so only SIGKILL ends a hang. @default {false} */
  ignoreSigterm?: boolean;
  /** The real openssl that healthy commands run. @default {"openssl" on PATH} */
  real?: string;
  /**
   * Run commands as children of the script (`openssl "$@"`, `sleep 3600`) instead of `exec`ing
   * them, as distro wrappers and build scripts do: killing the script alone then orphans the
   * real process. Without `exec -a` a child's command line lacks the marker; it still inherits
   * `TLS_HARNESS_FAKE_OPENSSL`, which `processesMatching()` reads. @default {false}
   */
  fork?: boolean;
  /** File name of the script inside `dir`. @default {"openssl"} */
  name?: string;
}

/**
 * Write an executable `openssl` stand-in (a bash script) into `dir` for fault tests, and return
 * its path: pass it with `--openssl PATH`. `openssl version` and every command other than
 * `options.role` run the real openssl, under the script's own path as `argv[0]` (`exec -a`), so
 * every process of the build, including a hung `sleep`, shows the script's path in
 * `/proc/<pid>/cmdline`: a marker a test can look for in the process table.
 *
 * @example
 * ```ts ignore
 * import { writeFakeOpenssl } from "./fake_openssl.ts";
 * const dir = await Deno.makeTempDir();
 * const fake = await writeFakeOpenssl(dir, { fault: "segv", role: "s_server" });
 * // deno task harness run --openssl <fake> …: the sanity scenario errors "killed by SIGSEGV"
 * ```
 */
export async function writeFakeOpenssl(
  dir: string,
  options: FakeOpensslOptions = {},
): Promise<string> {
  const path = `${dir.replace(/\/$/, "")}/${options.name ?? "openssl"}`;
  await Deno.writeTextFile(path, fakeOpensslScript(options), { mode: 0o700 });
  await Deno.chmod(path, 0o700);
  return path;
}

/**
 * The text of the script {@linkcode writeFakeOpenssl} writes.
 *
 * @example
 * ```ts
 * import { fakeOpensslScript } from "./fake_openssl.ts";
 * console.log(fakeOpensslScript({ fault: "segv", role: "s_client" }));
 * ```
 */
export function fakeOpensslScript(options: FakeOpensslOptions = {}): string {
  const fault = options.fault ?? "none";
  const role = options.role ?? "s_server";
  const real = shQuote(options.real ?? "openssl");
  const lines = [
    "#!/bin/bash",
    `# Fake openssl for testing/faults: ${role} -> ${fault}` +
    (options.fork ? ", forking" : "") +
    (options.afterReady ? " after readiness" : "") +
    (options.ignoreSigterm ? ", ignoring SIGTERM" : "") + ".",
    "# Other commands run the real openssl with this script's path as argv[0] (the marker).",
    "ulimit -c 0",
    // Inherited by anything it starts: a process it leaves behind is found even when its own
    // command line does not hold the marker.
    `export TLS_HARNESS_FAKE_OPENSSL="$0"`,
  ];
  if (fault !== "none") {
    lines.push(`if [ "$1" = ${role} ]; then`);
    if (options.afterReady) {
      lines.push(
        role === "s_server"
          ? `  echo "ACCEPT 127.0.0.1:${options.afterReady.port ?? 1}"`
          : `  echo "CONNECTED(00000003)"`,
      );
    }
    if (options.ignoreSigterm) lines.push("  trap '' TERM");
    switch (fault) {
      case "hang":
        // exec keeps one process (no orphaned child) and `-a` keeps the marker in its cmdline.
        lines.push(options.fork ? "  sleep 3600; exit $?" : `  exec -a "$0" sleep 3600`);
        break;
      case "segv":
        lines.push("  kill -SEGV $$");
        break;
      case "garbage":
        lines.push(
          `  printf '\\377\\376\\000 not openssl \\033[31m output\\n'`,
          `  printf 'ACCEPT 127.0.0.1:notaport\\n'`,
          `  printf 'garbage on stderr \\377\\n' >&2`,
          `  printf 'a last line without a newline'`,
          "  exit 0",
        );
        break;
      case "silent":
        lines.push("  exit 0");
        break;
    }
    lines.push("fi");
  }
  lines.push(options.fork ? `${real} "$@"; exit $?` : `exec -a "$0" ${real} "$@"`, "");
  return lines.join("\n");
}

function shQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}
