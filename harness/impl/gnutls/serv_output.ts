/** One listening socket as `gnutls-serv` reports it on stderr. */
export interface ServListener {
  /** "IPv4" or "IPv6". */
  family: "IPv4" | "IPv6";
  /** The address it bound: always the wildcard ("0.0.0.0", "::") — it has no address option. */
  address: string;
  /** The port it was given (it prints the number passed with --port, even 0). */
  port: number;
  /** "Echo" or "HTTP". */
  mode: string;
  /** True for "...done"; false for "...bind() failed: …" (the server then keeps running). */
  ok: boolean;
  /** The failure text after "...", when not ok. */
  error?: string;
  /** The line, as evidence. */
  line: string;
}

/** One accepted connection in `gnutls-serv`'s stdout. */
export interface ServConnection {
  /** Client address family, address and port ("* Accepted connection from IPv4 127.0.0.1 port …"). */
  peer: { family: string; address: string; port: number };
  /** Whether the block has "*** This is a resumed session". */
  resumed: boolean;
  /** "- Version: TLS1.3" → "TLS1.3". */
  version?: string;
  /** "- Description: (TLS1.3-X.509)-…" text. */
  description?: string;
  /** "- Session ID: AA:BB:…" as printed. */
  sessionId?: string;
  /** 1-based line number of the "* Accepted connection" line. */
  line: number;
  /** The block's lines that decided the fields above. */
  evidence: string[];
}

/** What {@linkcode parseServOutput} reads. */
export interface ServOutput {
  /** The "… Server listening on …" lines of stderr. */
  listeners: ServListener[];
  /** The accepted connections, in order. */
  connections: ServConnection[];
  /** "Error …" lines ("Error in handshake: …" goes to stderr) and "*** …error…" lines. */
  errors: string[];
  /** The signal named by "Exiting via signal N", when it was stopped that way. */
  exitSignal?: number;
}

const LISTEN = /^(Echo|HTTP) Server listening on (IPv4|IPv6) (\S+) port (\d+)\.\.\.(.*)$/;
const ACCEPTED = /^\* Accepted connection from (IPv4|IPv6) (\S+) port (\d+)\b/;

/**
 * The listening line that says `gnutls-serv` is ready on IPv4, or `undefined` while it has not
 * printed one. Pure; used on each stderr line as it arrives.
 *
 * @example
 * ```ts
 * import { parseListenLine } from "./serv_output.ts";
 * console.log(parseListenLine("Echo Server listening on IPv4 0.0.0.0 port 4433...done"));
 * ```
 */
export function parseListenLine(line: string): ServListener | undefined {
  const m = LISTEN.exec(line.trimEnd());
  if (!m) return undefined;
  const ok = m[5] === "done";
  return {
    family: m[2] as "IPv4" | "IPv6",
    address: m[3],
    port: Number(m[4]),
    mode: m[1],
    ok,
    error: ok ? undefined : m[5],
    line: line.trimEnd(),
  };
}

/**
 * Parse `gnutls-serv --echo`/`--http` output: its stderr (listening lines, errors, exit) and its
 * stdout (one block per accepted connection, from "* Accepted connection" to the next). Lines it
 * does not know are ignored: the blocks differ between versions (3.7.1 prints
 * "- Channel binding 'tls-unique': …", 3.7.9 on a "- Channel bindings" list).
 *
 * @param file Named in errors.
 * A failed handshake prints no block at all: only "Error in handshake: …" on stderr (measured on
 * every version), which lands in `errors`. The last block may lack its Description while the
 * server is still writing it; an earlier block never does.
 *
 * @throws {SyntaxError} naming the file and line when a block other than the last has no
 * "- Description:" line.
 * @example
 * ```ts
 * import { parseServOutput } from "./serv_output.ts";
 * const out = parseServOutput(
 *   "\n* Accepted connection from IPv4 127.0.0.1 port 5 on Thu\n*** This is a resumed session\n" +
 *     "- Description: (TLS1.3-X.509)--(AES-256-GCM)\n",
 *   "Echo Server listening on IPv4 0.0.0.0 port 4433...done\n",
 * );
 * console.log(out.connections[0].resumed); // true
 * ```
 */
export function parseServOutput(stdout: string, stderr = "", file = "<gnutls-serv>"): ServOutput {
  const out: ServOutput = { listeners: [], connections: [], errors: [] };
  for (const raw of stderr.split("\n")) {
    const line = raw.trimEnd();
    const l = parseListenLine(line);
    if (l) out.listeners.push(l);
    else if (/^\*\*\* .*(error|fail)/i.test(line) || /^Error/.test(line)) out.errors.push(line);
    const sig = /^Exiting via signal (\d+)$/.exec(line);
    if (sig) out.exitSignal = Number(sig[1]);
  }
  let current: ServConnection | undefined;
  for (const [i, raw] of stdout.split("\n").entries()) {
    const line = raw.trimEnd();
    const a = ACCEPTED.exec(line);
    if (a) {
      if (current && current.description === undefined) {
        throw new SyntaxError(
          `${file}:${current.line}: connection block has no "- Description:" line before the ` +
            `next "* Accepted connection"`,
        );
      }
      current = {
        peer: { family: a[1], address: a[2], port: Number(a[3]) },
        resumed: false,
        line: i + 1,
        evidence: [line],
      };
      out.connections.push(current);
      continue;
    }
    if (/^Error/.test(line)) out.errors.push(line);
    if (!current) continue;
    if (line === "*** This is a resumed session") {
      current.resumed = true;
      current.evidence.push(line);
    }
    const d = /^- Description: (.*)$/.exec(line);
    if (d) {
      current.description = d[1];
      current.evidence.push(line);
    }
    const v = /^- Version: (\S+)/.exec(line);
    if (v) {
      current.version = v[1];
      current.evidence.push(line);
    }
    const s = /^- Session ID: ([0-9A-F:]+)/.exec(line);
    if (s) current.sessionId = s[1];
  }
  return out;
}
