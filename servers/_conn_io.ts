// Private helpers shared by the Deno TLS server and client: byte-exact writes, line reading on
// raw `read()` calls (so that closing a connection from elsewhere cancels a pending read instead
// of leaving a stream reader locked), and stdout lines that are flushed at once.

const encoder = new TextEncoder();

/** Write all of `bytes` (Deno's `write` may write fewer bytes than asked). */
export async function writeAll(
  w: { write(p: Uint8Array): Promise<number> },
  bytes: Uint8Array,
): Promise<void> {
  let off = 0;
  while (off < bytes.length) off += await w.write(bytes.subarray(off));
}

/** Write text, UTF-8 encoded. */
export function writeText(
  w: { write(p: Uint8Array): Promise<number> },
  text: string,
): Promise<void> {
  return writeAll(w, encoder.encode(text));
}

/** Longest line the server accepts; a peer that sends more without a newline is cut off. */
export const MAX_LINE_BYTES = 64 * 1024;

/**
 * Reads `\n`-terminated lines (a trailing `\r` is dropped) from a connection. `null` means end of
 * stream; a final unterminated line is returned before that.
 */
export class LineReader {
  #conn: { read(p: Uint8Array): Promise<number | null> };
  #decoder = new TextDecoder();
  #pending = "";
  #eof = false;
  #buf = new Uint8Array(16 * 1024);

  constructor(conn: { read(p: Uint8Array): Promise<number | null> }) {
    this.#conn = conn;
  }

  /** The next line without its terminator, or `null` at end of stream. */
  async readLine(): Promise<string | null> {
    while (true) {
      const nl = this.#pending.indexOf("\n");
      if (nl >= 0) {
        const line = this.#pending.slice(0, nl).replace(/\r$/, "");
        this.#pending = this.#pending.slice(nl + 1);
        return line;
      }
      if (this.#eof) {
        if (this.#pending === "") return null;
        const last = this.#pending.replace(/\r$/, "");
        this.#pending = "";
        return last;
      }
      if (this.#pending.length > MAX_LINE_BYTES) {
        throw new RangeError(`Line too long: more than ${MAX_LINE_BYTES} bytes without a newline`);
      }
      const n = await this.#conn.read(this.#buf);
      if (n === null) {
        this.#pending += this.#decoder.decode();
        this.#eof = true;
      } else {
        this.#pending += this.#decoder.decode(this.#buf.subarray(0, n), { stream: true });
      }
    }
  }
}

/**
 * Print one line on stdout at once. Readiness lines must not sit in a buffer: the parent waits
 * for them. (`writeSync` on stdout is unbuffered in Deno.)
 */
export function printLine(line: string): void {
  const bytes = encoder.encode(line + "\n");
  let off = 0;
  while (off < bytes.length) off += Deno.stdout.writeSync(bytes.subarray(off));
}

/** Print text on stdout at once (help text). */
export function printText(text: string): void {
  const bytes = encoder.encode(text);
  let off = 0;
  while (off < bytes.length) off += Deno.stdout.writeSync(bytes.subarray(off));
}

/** Print one line on stderr at once (diagnostics, never parsed). */
export function printErrorLine(line: string): void {
  const bytes = encoder.encode(line + "\n");
  let off = 0;
  while (off < bytes.length) off += Deno.stderr.writeSync(bytes.subarray(off));
}

/** Text of an error for a one-line report: the class name and the message. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/**
 * Whether `host` is a literal loopback address (127.0.0.0/8 or ::1). Host names are not
 * resolved: the peers bind and connect to addresses the harness controls, never to the network.
 */
export function isLoopbackAddress(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, "$1");
  if (h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((o) => Number(o) <= 255);
}

/** `host:port`, with IPv6 addresses in brackets. */
export function formatHostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
