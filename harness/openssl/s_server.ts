import type { ChildProcess } from "../process/mod.ts";
import type { OpensslBuild } from "./build.ts";
import { sServerArgs, type SServerOptions } from "./peer_options.ts";
import type { PeerHost } from "./peer_host.ts";
import { spawnOpenssl } from "./spawn_openssl.ts";
import type { PostHandshake } from "./s_client.ts";

/**
 * A running `openssl s_server` on 127.0.0.1, bound to a port the kernel chose. It serves
 * connections one at a time, which the client steps rely on for their barrier.
 */
export class SServer implements AsyncDisposable {
  /** "s_server". */
  readonly kind = "s_server" as const;
  /** The build it runs. */
  readonly build: OpensslBuild;
  /** Options it was started with. */
  readonly options: SServerOptions;
  /** The port it listens on. */
  readonly port: number;
  /** The process. */
  readonly process: ChildProcess;
  #barriers = 0;

  private constructor(
    build: OpensslBuild,
    options: SServerOptions,
    port: number,
    process: ChildProcess,
  ) {
    this.build = build;
    this.options = options;
    this.port = port;
    this.process = process;
  }

  /**
   * Start a server and wait (with the host's step deadline) for its `ACCEPT 127.0.0.1:<port>`
   * line. Throws a ProcessError with its output if it exits or stays silent.
   */
  static async start(
    build: OpensslBuild,
    host: PeerHost,
    options: SServerOptions = {},
  ): Promise<SServer> {
    const args = sServerArgs(options, host.pki);
    const child = spawnOpenssl(build, args, { stdin: true, cwd: host.dir, signal: host.signal });
    host.track(child, "s_server", { launch: build.launch, args });
    try {
      const line = await child.waitForLine(/^ACCEPT\s+\S*:\d+\s*$/, {
        timeoutMs: host.stepTimeoutMs,
        signal: host.signal,
      });
      const port = Number(/:(\d+)\s*$/.exec(line)![1]);
      return new SServer(build, options, port, child);
    } catch (e) {
      await child.kill();
      throw e;
    }
  }

  /** It prints its `-msg` trace (its lines then give one more resumption signal). */
  get msg(): boolean {
    return this.options.msg === true;
  }

  /** The command line that started it. */
  get command(): string {
    return this.process.command;
  }

  /** Number of stdout lines so far (a mark for {@linkcode SServer.linesSince}). */
  get mark(): number {
    return this.process.stdoutLines.length;
  }

  /**
   * Stdout lines printed since a mark, as far as they have been read: the server's stdout is
   * read as it comes, so the lines of a connection can trail the client's exit (see
   * {@linkcode settledLinesSince}).
   */
  linesSince(mark: number): string[] {
    return this.process.stdoutLines.slice(mark);
  }

  /**
   * Send a unique line to the connected client through the server's stdin; the client step
   * waits to see it. Everything the server sent before it (TLS 1.3 tickets) has then been read
   * and printed by the client: a barrier instead of a sleep.
   */
  sendBarrier(): Promise<string> {
    const token = `harness-barrier-${this.port}-${++this.#barriers}`;
    return this.process.write(token + "\n").then(() => token);
  }

  /**
   * Make sure a connected client has read every post-handshake message. A `-www` server gets a
   * `GET /` and answers with its status page, then closes; any other server sends a barrier
   * line through its stdin that the client must print, and the client closes.
   */
  async awaitPostHandshake(client: ChildProcess, host: PeerHost): Promise<PostHandshake> {
    const wait = { timeoutMs: host.stepTimeoutMs, signal: host.signal };
    if (this.options.www) {
      await client.write("GET / HTTP/1.0\r\n\r\n");
      await client.wait(wait);
      return { serverCloses: true };
    }
    const token = await this.sendBarrier();
    await client.waitForLine((line) => line === token, wait);
    return { serverCloses: false };
  }

  /** Stop it (SIGTERM, then SIGKILL) and reap it. */
  async stop(): Promise<void> {
    await this.process.kill();
  }

  /** Stop the server (`await using`). */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

/**
 * The lines `s_server` (without `-www`) prints once it is done with a connection: `DONE` after a
 * `q` or the client's close_notify, `CONNECTION CLOSED` at the end of every connection
 * (apps/s_server.c, sv_body).
 */
const CONNECTION_END = /^(?:DONE|CONNECTION CLOSED)$/;

/**
 * A server's stdout lines since `mark` once it printed the end of that connection
 * (`DONE` or `CONNECTION CLOSED`), or what it printed within `waitMs`. Its stdout is read line
 * by line as it comes (it runs line-buffered), so right after a client exits the server can
 * still be printing about that connection: measured with OpenSSL 3.0.20, whose `-msg` header of
 * the decode_error alert it sends on the client's EOF was read while its dump line was not yet.
 *
 * @example
 * ```ts ignore
 * const mark = server.mark;
 * await runSomeClient(server);
 * const lines = await settledLinesSince(server, mark, { signal });
 * ```
 */
export async function settledLinesSince(
  server: Pick<SServer, "linesSince">,
  mark: number,
  options: { signal?: AbortSignal; waitMs?: number } = {},
): Promise<string[]> {
  const deadline = performance.now() + (options.waitMs ?? 1000);
  for (;;) {
    const lines = server.linesSince(mark);
    if (lines.some((l) => CONNECTION_END.test(l)) || performance.now() > deadline) return lines;
    options.signal?.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
