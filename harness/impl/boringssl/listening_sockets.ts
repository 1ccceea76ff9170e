/**
 * Which TCP ports a process listens on, read from Linux's `/proc` — how the harness learns the
 * kernel-chosen port of `bssl-tool server -accept 0`, which prints nothing when it starts. No
 * connection is made to find out (the server without `-loop` accepts exactly one connection,
 * and a probe connection would use it up).
 *
 * @module
 */

/** One row of `/proc/net/tcp` or `/proc/net/tcp6`. */
export interface ProcTcpRow {
  /** Local address as printed by the kernel, decoded: "0.0.0.0", "127.0.0.1", "::", … */
  address: string;
  /** Local port. */
  port: number;
  /** Kernel state code; 0x0A is LISTEN. */
  state: number;
  /** Socket inode (matches `/proc/<pid>/fd/*` links `socket:[inode]`). */
  inode: number;
}

/** `TCP_LISTEN` in the kernel's state numbering. */
export const TCP_LISTEN = 0x0a;

/**
 * Parse the text of `/proc/net/tcp` or `/proc/net/tcp6`.
 *
 * @param file Named in errors.
 * @throws {SyntaxError} `file:line: …` for a row that is not `sl: addr:port addr:port st … inode`.
 * @example
 * ```ts
 * import { parseProcNetTcp } from "./listening_sockets.ts";
 * const rows = parseProcNetTcp(
 *   "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
 *     "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0\n",
 * );
 * console.log(rows[0]); // { address: "127.0.0.1", port: 8080, state: 10, inode: 4242 }
 * ```
 */
export function parseProcNetTcp(text: string, file = "/proc/net/tcp"): ProcTcpRow[] {
  const rows: ProcTcpRow[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("sl")) continue;
    const f = line.split(/\s+/);
    const local = /^([0-9A-F]{8}|[0-9A-F]{32}):([0-9A-F]{4})$/i.exec(f[1] ?? "");
    if (!/^\d+:$/.test(f[0]) || !local || f.length < 10 || !/^\d+$/.test(f[9])) {
      throw new SyntaxError(
        `${file}:${i + 1}: expected "sl: addr:port addr:port st … inode", found "${line}"`,
      );
    }
    rows.push({
      address: decodeAddress(local[1]),
      port: parseInt(local[2], 16),
      state: parseInt(f[3], 16),
      inode: Number(f[9]),
    });
  }
  return rows;
}

/** The kernel prints addresses as host-order 32-bit words in hex (little-endian here). */
function decodeAddress(hex: string): string {
  const bytes: number[] = [];
  for (let w = 0; w < hex.length; w += 8) {
    const word = hex.slice(w, w + 8);
    for (let b = 6; b >= 0; b -= 2) bytes.push(parseInt(word.slice(b, b + 2), 16));
  }
  if (bytes.length === 4) return bytes.join(".");
  const groups: string[] = [];
  for (let g = 0; g < 16; g += 2) groups.push(((bytes[g] << 8) | bytes[g + 1]).toString(16));
  const joined = groups.join(":");
  if (joined === "0:0:0:0:0:0:0:0") return "::";
  if (joined === "0:0:0:0:0:0:0:1") return "::1";
  return joined;
}

/** A listening socket of a process. */
export interface ListeningSocket {
  /** Bound address ("::" means every IPv6 and, dual-stack, every IPv4 address). */
  address: string;
  /** Bound port. */
  port: number;
}

/**
 * The TCP sockets `pid` listens on (empty while it has not bound yet). Reads `/proc/<pid>/fd`
 * and `/proc/<pid>/net/tcp{,6}`; Linux only.
 *
 * @example
 * ```ts
 * import { listeningSockets } from "./listening_sockets.ts";
 * console.log(await listeningSockets(Deno.pid)); // []
 * ```
 */
export async function listeningSockets(pid: number): Promise<ListeningSocket[]> {
  const inodes = new Set<number>();
  try {
    for await (const e of Deno.readDir(`/proc/${pid}/fd`)) {
      const target = await Deno.readLink(`/proc/${pid}/fd/${e.name}`).catch(() => "");
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m) inodes.add(Number(m[1]));
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return []; // exited
    throw e;
  }
  if (inodes.size === 0) return [];
  const out: ListeningSocket[] = [];
  for (const table of ["tcp", "tcp6"]) {
    const file = `/proc/${pid}/net/${table}`;
    const text = await Deno.readTextFile(file).catch(() => "");
    for (const r of parseProcNetTcp(text, file)) {
      if (r.state === TCP_LISTEN && inodes.has(r.inode)) {
        out.push({ address: r.address, port: r.port });
      }
    }
  }
  return out;
}
