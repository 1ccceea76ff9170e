import type { ChildProcess } from "../process/mod.ts";
import type { ClientTarget, PeerHost, PostHandshake } from "../openssl/mod.ts";
import { type DenoTlsServer, startDenoTlsServer } from "../../servers/mod.ts";

/** What a {@linkcode DenoServer} needs from its host: a peer host that takes notes. */
export interface DenoServerHost extends PeerHost {
  /** Adds a line to the report's notes (how to start the same server by hand). */
  note(text: string): void;
}

/**
 * A Deno TLS (rustls) server (servers/deno_tls_server.ts) running inside the harness's own
 * process, as a target for `s_client` steps: the harness is Deno already, so a process per
 * scenario would only add a Deno start. Each server has its own listener, hence its own rustls
 * configuration (tickets and session cache are never shared between scenarios). It greets every
 * connection with `HELLO conn=<n>` after the handshake, so a client that printed that line has
 * read the tickets sent before it.
 */
export class DenoServer implements ClientTarget, AsyncDisposable {
  /** "deno". */
  readonly kind = "deno" as const;
  /** Port on 127.0.0.1. */
  readonly port: number;
  /** The server. */
  readonly server: DenoTlsServer;

  private constructor(server: DenoTlsServer) {
    this.server = server;
    this.port = server.port;
  }

  /**
   * Start the server on 127.0.0.1 (port chosen by the kernel); it stops when the host's signal
   * aborts (the scenario's end or deadline) or on {@linkcode DenoServer.stop}.
   */
  static async start(host: DenoServerHost): Promise<DenoServer> {
    const server = await startDenoTlsServer({
      cert: host.pki.cert,
      key: host.pki.key,
      signal: host.signal,
    });
    host.note(
      `deno tls server in the harness process on ${server.address}; by hand: deno run ` +
        `--allow-net=127.0.0.1 --allow-read servers/deno_tls_server.ts --cert ${host.pki.cert} ` +
        `--key ${host.pki.key}`,
    );
    return new DenoServer(server);
  }

  /** Waits for the greeting; then the client closes (QUIT is not needed: stdin EOF does it). */
  async awaitPostHandshake(client: ChildProcess, host: PeerHost): Promise<PostHandshake> {
    await client.waitForLine(/^HELLO conn=\d+/, {
      timeoutMs: host.stepTimeoutMs,
      signal: host.signal,
    });
    return { serverCloses: false };
  }

  /** Stop it: close the listener and every connection. */
  async stop(): Promise<void> {
    await this.server.stop();
  }

  /** Stop the server (`await using`). */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
