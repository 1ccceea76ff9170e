/**
 * The peers behind `ctx.tlsServer()` ({@linkcode startTlsServer}), each as a
 * {@linkcode TlsServer}: `s_server` and the Deno server as the context starts them, and three
 * adapters here. How a client knows it has read every ticket differs by peer, so each one's
 * `awaitPostHandshake` (used by `s_client` steps) waits for a line the server sends after them:
 * - `bssl server`: TLS 1.3 tickets leave only with its first write (cli_server.ts), so a greeter
 *   writes `HELLO conn=<n>` to its stdin as soon as connection n printed `Connected.`;
 * - `gnutls-serv --echo`: it sends its tickets right after the handshake; the client writes a
 *   line and waits for its echo;
 * - the FFI driver (`listen_tcp`): it greets each connection with `HELLO conn=<n>` itself.
 *
 * @module
 */
import type { Build } from "../impl/mod.ts";
import { startBsslServer } from "../impl/boringssl/mod.ts";
import { gnutls, type GnutlsBuild } from "../impl/gnutls/mod.ts";
import type { FfiDriver } from "../ffi/mod.ts";
import type { PeerHost, PostHandshake, SServer, SServerOptions } from "../openssl/mod.ts";
import type { ChildProcess } from "../process/mod.ts";
import type { DenoServer } from "./deno_peers.ts";
import type { ServedConnection, TlsServer, TlsServerKind, TlsServerOptions } from "./tls_server.ts";

/** What the peers need of the scenario context. */
export interface TlsServerHost extends PeerHost {
  /** The server build. */
  readonly serverBuild: Build;
  /** `ctx.sServer()`. */
  sServer(options: SServerOptions): Promise<SServer>;
  /** `ctx.denoServer()`. */
  denoServer(): Promise<DenoServer>;
  /** `ctx.ffi(build)`. */
  ffi(build: Build): Promise<FfiDriver>;
  /** Adds a line to the report's notes. */
  note(text: string): void;
}

type BsslBuild = Parameters<typeof startBsslServer>[0];

const GREETING = /^HELLO conn=\d+/;

/**
 * Start the peer {@linkcode chooseTlsServer} chose, with the options it honours (the others were
 * refused there).
 *
 * @example
 * ```ts ignore
 * import { startTlsServer } from "./tls_server_peers.ts";
 * const server = await startTlsServer(ctx, "ffi", { tls: "1.3" });
 * ```
 */
export async function startTlsServer(
  host: TlsServerHost,
  kind: TlsServerKind,
  options: TlsServerOptions,
): Promise<TlsServer> {
  const build = host.serverBuild;
  const wait = () => ({ timeoutMs: host.stepTimeoutMs, signal: host.signal });
  switch (kind) {
    case "s_server": {
      const s = await host.sServer({
        tls: options.tls,
        noTicket: options.tickets === false ? true : undefined,
        numTickets: options.numTickets,
        noCache: options.cache === false ? true : undefined,
      });
      return {
        kind,
        port: s.port,
        description: `openssl s_server of ${build.id}: ${s.command}`,
        get mark() {
          return s.mark;
        },
        linesSince: (mark) => s.linesSince(mark),
        msg: s.msg,
        awaitPostHandshake: (client, h) => s.awaitPostHandshake(client, h),
        served: () => Promise.resolve(undefined),
        stop: () => s.stop(),
      };
    }
    case "deno": {
      const s = await host.denoServer();
      return {
        kind,
        port: s.port,
        description: `Deno TLS (rustls) server in the harness's process`,
        awaitPostHandshake: (client, h) => s.awaitPostHandshake(client, h),
        served: () => Promise.resolve(undefined),
        stop: () => s.stop(),
      };
    }
    case "bssl server": {
      const stopped = new AbortController();
      const signal = AbortSignal.any([host.signal, stopped.signal]);
      const s = await startBsslServer(build as BsslBuild, {
        cert: host.pki.chain,
        key: host.pki.key,
        tls: options.tls,
        signal,
      });
      greet(s, host.stepTimeoutMs * 4, signal);
      const served = async (count: number): Promise<ServedConnection[]> => {
        await s.waitForConnections(count, wait()).catch(() => {});
        return s.output().connections.map((c) => ({
          resumed: c.resumed,
          evidence: c.evidence.join(" | "),
        }));
      };
      return {
        kind,
        port: s.port,
        description: `bssl server -loop of ${build.id} (pid ${s.pid}, ${options.tls})`,
        awaitPostHandshake: awaitGreeting(host),
        served,
        stop: async () => {
          stopped.abort();
          await s.stop();
        },
      };
    }
    case "gnutls-serv": {
      const s = await gnutls.startServer(build as GnutlsBuild, {
        cert: host.pki.cert,
        key: host.pki.key,
        tls: options.tls,
        noTicket: options.tickets === false,
        noDb: options.cache === false,
        signal: host.signal,
      });
      return {
        kind,
        port: s.port,
        description: `gnutls-serv of ${build.id}: ${s.command}`,
        awaitPostHandshake: async (client: ChildProcess): Promise<PostHandshake> => {
          // --echo sends the line back after the tickets it sent right after the handshake.
          await client.write("HELLO echo\n");
          await client.waitForLine((l) => l === "HELLO echo", wait());
          return { serverCloses: false };
        },
        served: async (count) => {
          const conns = await s.waitForConnections(count, wait()).catch(() =>
            s.output().connections
          );
          return conns.map((c) => ({ resumed: c.resumed, evidence: c.evidence.join(" | ") }));
        },
        stop: async () => {
          await s.stop();
        },
      };
    }
    case "ffi": {
      const d = await host.ffi(build);
      const { ctx } = await d.call("ctx_new", {
        role: "server",
        cert: host.pki.chain,
        key: host.pki.key,
        minVersion: options.tls,
        maxVersion: options.tls,
        numTickets: options.numTickets,
        noTicket: options.tickets === false ? true : undefined,
        cacheMode: options.cache === false ? "off" : undefined,
        keepNewSessions: false,
      });
      const { listener, port } = await d.call("listen_tcp", {
        ctx,
        connectionMs: host.stepTimeoutMs,
      });
      let open = true;
      return {
        kind,
        port,
        description: `libssl of ${build.id} through the FFI driver, listen_tcp on ` +
          `127.0.0.1:${port} (${options.tls}${options.tickets === false ? ", no tickets" : ""}` +
          `${options.cache === false ? ", no cache" : ""}` +
          `${options.numTickets !== undefined ? `, ${options.numTickets} tickets` : ""})`,
        awaitPostHandshake: awaitGreeting(host),
        served: async (count) => {
          if (!open) return [];
          const r = await d.call("accepted_tcp", {
            listener,
            count,
            timeoutMs: host.stepTimeoutMs,
          });
          return r.connections.sort((a, b) => a.conn - b.conn).map((c) => ({
            resumed: c.reused === true,
            evidence: `conn ${c.conn}: version 0x${(c.version ?? 0).toString(16)}, ` +
              `SSL_session_reused ${c.reused}, ${c.newSessionCalls} new session(s), ` +
              `ended by ${c.end}${c.error ? `: ${c.error}` : ""}`,
          }));
        },
        stop: async () => {
          if (!open) return;
          open = false;
          await d.call("close_listener", { listener }).catch(() => {});
        },
      };
    }
  }
}

/** `awaitPostHandshake` of a server that greets each connection with `HELLO conn=<n>`. */
function awaitGreeting(host: PeerHost) {
  return async (client: ChildProcess): Promise<PostHandshake> => {
    await client.waitForLine(GREETING, { timeoutMs: host.stepTimeoutMs, signal: host.signal });
    return { serverCloses: false };
  };
}

/**
 * Write `HELLO conn=<n>` to a `bssl server`'s stdin once its connection n printed `Connected.`,
 * for every n, until `signal` aborts or no connection comes within `idleMs`.
 */
async function greet(
  server: Awaited<ReturnType<typeof startBsslServer>>,
  idleMs: number,
  signal: AbortSignal,
): Promise<void> {
  for (let n = 1;; n++) {
    try {
      await server.waitForConnections(n, { timeoutMs: idleMs, signal });
      await server.write(`HELLO conn=${n}\n`);
    } catch {
      return; // stopped, idle or exited: nothing more to greet
    }
  }
}
