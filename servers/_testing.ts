// Private helpers for the servers/ tests: start the server CLI as a child, talk the line
// protocol over Deno.connectTls, and bound every wait.
import { type ChildProcess, spawn } from "../harness/process/mod.ts";
import type { TestPki } from "../harness/pki/mod.ts";
import { LineReader, writeText } from "./_conn_io.ts";
import { parseReadyLine, READY_LINE } from "./deno_tls_server.ts";

/** The system OpenSSL, as the brief asks (not whatever `openssl` is first on PATH). */
export const SYSTEM_OPENSSL = "/usr/bin/openssl";

/** Path of a file in this folder. */
export function here(name: string): string {
  return decodeURIComponent(new URL(name, import.meta.url).pathname);
}

/** Reject with a message naming `what` unless `p` settles within `ms`. */
export async function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([p, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Start `deno run servers/deno_tls_server.ts` and wait for its readiness line. */
export async function spawnDenoServer(
  pki: TestPki,
  extraArgs: string[] = [],
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-read",
      here("deno_tls_server.ts"),
      "--cert",
      pki.cert,
      "--key",
      pki.key,
      ...extraArgs,
    ],
  });
  try {
    const line = await child.waitForLine((l, s) => s === "stdout" && READY_LINE.test(l), {
      timeoutMs: 20_000,
    });
    return { child, port: parseReadyLine(line).port };
  } catch (e) {
    await child.kill();
    throw e;
  }
}

/** A line-protocol conversation with the Deno TLS server over `Deno.connectTls`. */
export class Talk implements AsyncDisposable {
  readonly conn: Deno.TlsConn;
  readonly #reader: LineReader;
  #closed = false;

  private constructor(conn: Deno.TlsConn) {
    this.conn = conn;
    this.#reader = new LineReader(conn);
  }

  /** Connect to 127.0.0.1:`port`, trusting the test CA. */
  static async open(port: number, pki: TestPki, alpn?: string[]): Promise<Talk> {
    const conn = await Deno.connectTls({
      hostname: "127.0.0.1",
      port,
      caCerts: [await Deno.readTextFile(pki.caCert)],
      ...(alpn ? { alpnProtocols: alpn } : {}),
    });
    return new Talk(conn);
  }

  /** The next line from the server (`null` at end of stream), within 5 s. */
  line(): Promise<string | null> {
    return withDeadline(this.#reader.readLine(), 5000, "a line from the server");
  }

  /** Send one line. */
  send(line: string): Promise<void> {
    return writeText(this.conn, line + "\n");
  }

  /** Send one line and read one line back. */
  async ask(line: string): Promise<string | null> {
    await this.send(line);
    return await this.line();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.conn.close();
    } catch { /* already closed */ }
  }

  [Symbol.asyncDispose](): Promise<void> {
    this.close();
    return Promise.resolve();
  }
}
