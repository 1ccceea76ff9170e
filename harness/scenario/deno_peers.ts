import { type ChildProcess, parseReadyLine, READY_LINE, spawn } from "../process/mod.ts";
import type { ClientTarget, PeerHost, PostHandshake } from "../openssl/mod.ts";

// Started as a process by path, not imported: its readiness line comes from harness/process.
const SERVER_SCRIPT = new URL("../../servers/deno_tls_server.ts", import.meta.url).pathname;

/**
 * A Deno TLS (rustls) server running as its own process (servers/deno_tls_server.ts), as a
 * target for `s_client` steps. It greets every connection with `HELLO conn=<n>` after the
 * handshake, so a client that printed that line has read the tickets sent before it.
 */
export class DenoServer implements ClientTarget, AsyncDisposable {
  /** "deno". */
  readonly kind = "deno" as const;
  /** Port on 127.0.0.1. */
  readonly port: number;
  /** The server process. */
  readonly process: ChildProcess;

  private constructor(port: number, process: ChildProcess) {
    this.port = port;
    this.process = process;
  }

  /** Start the server and wait (with the host's step deadline) for its READY line. */
  static async start(host: PeerHost): Promise<DenoServer> {
    const child = spawn(Deno.execPath(), {
      args: [
        "run",
        "--no-config",
        "--allow-net=127.0.0.1",
        "--allow-read",
        SERVER_SCRIPT,
        "--cert",
        host.pki.cert,
        "--key",
        host.pki.key,
      ],
      stdin: true,
      signal: host.signal,
    });
    host.track(child, "deno_tls_server");
    try {
      const line = await child.waitForLine(READY_LINE, {
        timeoutMs: host.stepTimeoutMs,
        signal: host.signal,
      });
      return new DenoServer(parseReadyLine(line).port, child);
    } catch (e) {
      await child.kill();
      throw e;
    }
  }

  /** Waits for the greeting; then the client closes (QUIT is not needed: stdin EOF does it). */
  async awaitPostHandshake(client: ChildProcess, host: PeerHost): Promise<PostHandshake> {
    await client.waitForLine(/^HELLO conn=\d+/, {
      timeoutMs: host.stepTimeoutMs,
      signal: host.signal,
    });
    return { serverCloses: false };
  }

  /** Stop it and reap it. */
  async stop(): Promise<void> {
    await this.process.kill();
  }

  /** Stop the server (`await using`). */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
