/**
 * A session of its own without a second exec: a tiny shared library, preloaded into the child
 * (`LD_PRELOAD`), whose constructor calls `setsid()` before the program's `main`. setsid(1)
 * costs an exec of its own per child: measured here, `openssl version` through it took 4.6 ms
 * against 2.9 ms bare (a matrix starts thousands). The constructor acts only when it finds
 * {@linkcode SESSION_MARKER} in the environment and removes it first, so that what the child
 * execs in turn stays in the child's session (stopping the child stops it too).
 *
 * The library is compiled once by the machine's C compiler (`cc`, else `gcc`) into the default
 * cache dir (`session-preload/` in `cacheDir()`: `$TLS_HARNESS_CACHE`, `$XDG_CACHE_HOME/…`, or
 * `~/.cache/…`), named by a hash of its source. Without a compiler, or for a program the dynamic loader does not start (a static
 * binary, a script), the caller falls back to setsid(1) (see own_session.ts).
 *
 * @example
 * ```ts ignore
 * const lib = sessionPreload();
 * if (lib && isDynamicElf("/usr/bin/openssl")) {
 *   // spawn with env { LD_PRELOAD: lib, [SESSION_MARKER]: "1" }
 * }
 * ```
 * @module
 */
import { toHex } from "../encoding/mod.ts";
import { cacheDir } from "../cache_dir/mod.ts";

/** Set in a child's environment: its preloaded constructor calls `setsid()` (and unsets it). */
export const SESSION_MARKER = "TLS_HARNESS_OWN_SESSION";

const SOURCE = `#include <stdlib.h>
#include <unistd.h>
__attribute__((constructor)) static void tls_harness_own_session(void) {
  if (getenv("${SESSION_MARKER}")) {
    unsetenv("${SESSION_MARKER}");
    setsid();
  }
}
`;

let built: string | null | undefined;

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/** FNV-1a over the source: a stable file name, no crypto needed in a sync path. */
function sourceHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return toHex(new Uint8Array(new Uint32Array([h]).buffer));
}

/**
 * The preload library's path, compiled on first use (about 50 ms, once per machine); `null` when
 * it cannot be had (no compiler, no cache dir, no permission, or `TLS_HARNESS_NO_PRELOAD` set:
 * then setsid(1) is used, as before this module).
 */
export function sessionPreload(): string | null {
  // Checked again on every use: a library removed with its cache (a test's temporary one) would
  // make the loader print an error into the child's stderr and start it without a session.
  if (built === null || (built !== undefined && isFile(built))) return built;
  built = null;
  try {
    if (Deno.env.get("TLS_HARNESS_NO_PRELOAD")) return built;
    const dir = `${cacheDir()}/session-preload`;
    const lib = `${dir}/own-session-${sourceHash(SOURCE)}.so`;
    if (isFile(lib)) return built = lib;
    Deno.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Another harness may build it at the same moment: each writes its own file, then renames.
    const tmp = `${dir}/.build-${Deno.pid}-${Date.now()}`;
    Deno.writeTextFileSync(`${tmp}.c`, SOURCE);
    for (const cc of ["cc", "gcc"]) {
      try {
        const out = new Deno.Command(cc, {
          args: ["-shared", "-fPIC", "-O2", "-o", `${tmp}.so`, `${tmp}.c`],
          stdin: "null",
          stdout: "null",
          stderr: "null",
        }).outputSync();
        if (out.success) {
          Deno.renameSync(`${tmp}.so`, lib);
          built = lib;
          break;
        }
      } catch { /* no such compiler */ }
    }
    Deno.removeSync(`${tmp}.c`);
  } catch { /* no cache dir, no permission, read-only cache: setsid(1) */ }
  return built;
}

const dynamic = new Map<string, boolean>();

/**
 * Whether the dynamic loader starts this program, so that `LD_PRELOAD` reaches it: an ELF file
 * with a `PT_INTERP` program header, or the loader itself run as a program
 * (`ld-linux-x86-64.so.2 --library-path … openssl`, how builds that need a newer glibc start).
 */
export function isDynamicElf(path: string): boolean {
  let known = dynamic.get(path);
  if (known !== undefined) return known;
  known = false;
  try {
    const file = Deno.openSync(path, { read: true });
    try {
      const head = new Uint8Array(4096);
      const n = file.readSync(head) ?? 0;
      const view = new DataView(head.buffer, 0, n);
      const elf64 = n >= 64 && view.getUint32(0) === 0x7f454c46 && head[4] === 2 &&
        head[5] === 1;
      if (elf64) {
        const phoff = Number(view.getBigUint64(0x20, true));
        const phentsize = view.getUint16(0x36, true);
        const phnum = view.getUint16(0x38, true);
        const isLoader = /\/ld-linux[^/]*\.so[^/]*$/.test(path);
        for (let i = 0; i < phnum && !known; i++) {
          const at = phoff + i * phentsize;
          if (at + 4 > n) break;
          if (view.getUint32(at, true) === 3) known = true; // PT_INTERP
        }
        known ||= isLoader;
      }
    } finally {
      file.close();
    }
  } catch { /* unreadable: setsid(1) */ }
  dynamic.set(path, known);
  return known;
}
