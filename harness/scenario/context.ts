import { type ChildProcess, run, shellCommand } from "../process/mod.ts";
import {
  type ClientRun,
  type ClientTarget,
  opensslArgv,
  type OpensslBuild,
  type PeerHost,
  type PeerStep,
  runSClient,
  S_CLIENT_OPTION_KINDS,
  S_SERVER_OPTION_KINDS,
  type SClientRunOptions,
  SServer,
  type SServerOptions,
} from "../openssl/mod.ts";
import { Expectations } from "./expectations.ts";
import { DenoServer } from "./deno_peers.ts";
import { type DenoTlsClientResult, runDenoTlsClient } from "../../servers/mod.ts";
import { type FfiDriver, FfiDriverPool, ffiLibraries } from "../ffi/mod.ts";
import { type Build, type Requirement, unmetRequirement } from "../impl/mod.ts";
import type { ExpectationRecord } from "./expectations.ts";
import { reproScript, type ReproStep } from "./repro_script.ts";
import { checkOptions } from "./option_check.ts";
import { FfiPair, type FfiPairOptions } from "./ffi_pair.ts";
import {
  chooseTlsServer,
  TLS_SERVER_OPTION_KINDS,
  type TlsServer,
  type TlsServerOptions,
} from "./tls_server.ts";
import { startTlsServer } from "./tls_server_peers.ts";
import { UnsupportedError } from "./unsupported_error.ts";

export { UnsupportedError };

/** A process a scenario started, kept for the report and the repro commands. */
export interface PeerRecord {
  /** "s_server", "s_client", "sess_id", … */
  role: string;
  /** The pasteable command line. */
  command: string;
  /** The live (or finished) process. */
  process: ChildProcess;
  /** The step in plain terms (its build's launch and `openssl` arguments), for `repro.sh`. */
  step?: PeerStep;
}

/** Thrown by {@linkcode ScenarioContext.skip}. */
export class SkipError extends Error {
  /** `reason` is what the report shows as the skip's message. */
  constructor(reason: string) {
    super(reason);
    this.name = "SkipError";
  }
}

/**
 * What a context knows of the scenario it runs: plain data, so that the context does not
 * depend on the declaration type (a declaration's body takes a context, not the reverse).
 */
export interface ScenarioIdentity {
  /** Its unique name. */
  readonly name: string;
  /** The claim IDs its expectations may name. */
  readonly claims: readonly string[];
  /** Its tags. */
  readonly tags: readonly string[];
  /** The file it was declared in ("" when built in code). */
  readonly file: string;
}

/** What the runner hands to a context. */
export interface ContextOptions {
  /** The scenario being run. */
  scenario: ScenarioIdentity;
  /** The values of the variant being run (axis → value). @default {{}: no variants} */
  variant?: Readonly<Record<string, string>>;
  /** The build clients run (any implementation). */
  client: Build;
  /** The build servers run. */
  server: Build;
  /** A private (0700) directory for this scenario's files. */
  dir: string;
  /** The run's test PKI. */
  pki: PeerHost["pki"];
  /** Aborted on the scenario's deadline or when the run is interrupted. */
  signal: AbortSignal;
  /** Deadline for one step (a server start, a client connection), in milliseconds. */
  stepTimeoutMs: number;
  /**
   * The run's FFI drivers (one per build, shared by its scenarios). @default {a pool of this
   * context's own, closed with it}
   */
  ffiDrivers?: FfiDriverPool;
}

/**
 * What a scenario body works with: peers of the builds under test, a private temp dir, the
 * test PKI and the expectation helpers. Every process started through it is reaped when the
 * scenario ends, whatever the outcome.
 */
export class ScenarioContext implements PeerHost, AsyncDisposable {
  /** The scenario being run. */
  readonly scenario: ScenarioIdentity;
  /**
   * The values of the variant being run, axis → value (`{ tls: "1.3", end: "sigkill" }`);
   * `{}` for a scenario without variants. Typed from the declaration in a scenario's body.
   */
  readonly variant: Readonly<Record<string, string>>;
  /** The build that clients run (any implementation). */
  readonly clientBuild: Build;
  /** The build that servers run. */
  readonly serverBuild: Build;
  /** Private (0700) directory for this scenario's files (session files hold secrets). */
  readonly dir: string;
  /** Test PKI paths (CA, leaf, key, chain). */
  readonly pki: PeerHost["pki"];
  /** Aborted when the scenario times out or the run is interrupted. */
  readonly signal: AbortSignal;
  /** Deadline for one step, in milliseconds. */
  readonly stepTimeoutMs: number;
  /** The checks, each tied to a claim. */
  readonly expect: Expectations;
  /** Every process started, in order. */
  readonly peers: PeerRecord[] = [];
  /** Notes for the report (what was observed beyond the checks). */
  readonly notes: string[] = [];

  /** A context for one scenario on one client × server pair (the runner makes them). */
  constructor(options: ContextOptions) {
    this.scenario = options.scenario;
    this.variant = Object.freeze({ ...options.variant });
    this.clientBuild = options.client;
    this.serverBuild = options.server;
    this.dir = options.dir;
    this.pki = options.pki;
    this.signal = options.signal;
    this.stepTimeoutMs = options.stepTimeoutMs;
    this.expect = new Expectations(options.scenario.name, options.scenario.claims);
    this.#pool = options.ffiDrivers ?? new FfiDriverPool();
    this.#ownPool = options.ffiDrivers === undefined;
  }

  #pool: FfiDriverPool;
  #ownPool: boolean;

  /** @internal Called by peers for every process they start. */
  track(child: ChildProcess, role: string, step?: PeerStep): void {
    // What people read is the build's own launch, not the harness's line-buffering additions.
    const command = step
      ? shellCommand([step.launch.command, ...step.launch.args, ...step.args], step.launch.env)
      : child.command;
    const record: PeerRecord = { role, command, process: child, step };
    this.peers.push(record);
    this.#steps.push(() => {
      if (!step) return { role, opaque: child.command };
      const accept = child.stdoutLines.find((l) => /^ACCEPT\s+\S*:\d+\s*$/.test(l));
      const port = accept ? Number(/:(\d+)\s*$/.exec(accept)![1]) : undefined;
      return { role: role as "s_server" | "s_client", ...step, port };
    });
  }

  /** Every step in start order, as thunks: a server's port is known only once it printed it. */
  #steps: (() => ReproStep)[] = [];

  /** Start an `openssl s_server` of the server build on 127.0.0.1 (port chosen by the kernel). */
  async sServer(options: SServerOptions = {}): Promise<SServer> {
    this.signal.throwIfAborted();
    checkOptions("ctx.sServer", options, S_SERVER_OPTION_KINDS);
    return await SServer.start(
      openssl(this.serverBuild, "cli-server:openssl@server"),
      this,
      options,
    );
  }

  /**
   * One `openssl s_client` connection of the client build (or `options.build`, e.g. the server
   * build for cross-version steps) to a server; resolves once the client has read every
   * post-handshake message and exited.
   */
  async sClient(
    target: ClientTarget,
    options: SClientRunOptions & { build?: Build } = {},
  ): Promise<ClientRun> {
    this.signal.throwIfAborted();
    checkOptions("ctx.sClient", options, {
      ...S_CLIENT_OPTION_KINDS,
      close: ["clean", "kill", "term"],
      build: "object",
    });
    const { build, ...rest } = options;
    const side = build && build !== this.clientBuild ? "@server" : "";
    return await runSClient(
      openssl(build ?? this.clientBuild, `cli-client:openssl${side}`),
      this,
      target,
      rest,
    );
  }

  /**
   * `openssl sess_id -in FILE -text -noout` of a build (the client build by default): what that
   * version reads in a session file. Resolves with stdout; a non-zero exit is returned as is.
   */
  async sessIdText(
    file: string,
    options: { build?: Build } = {},
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    checkOptions("ctx.sessIdText", options, { build: "object" });
    if (typeof file !== "string") {
      throw new TypeError(`ctx.sessIdText(): the file must be a string, got ${typeof file}`);
    }
    const side = options.build && options.build !== this.clientBuild ? "@server" : "";
    const build = openssl(options.build ?? this.clientBuild, `session-file:openssl-pem${side}`);
    const path = file.startsWith("/") ? file : `${this.dir}/${file}`;
    const args = ["sess_id", "-in", path, "-text", "-noout"];
    this.#steps.push(() => ({ role: "sess_id", launch: build.launch, args }));
    const argv = opensslArgv(build, args);
    const r = await run(argv.command, {
      args: argv.args,
      env: argv.env,
      timeoutMs: this.stepTimeoutMs,
      signal: this.signal,
    });
    const err = r.stderr.trim().split("\n").slice(0, 2).join(" / ");
    this.notes.push(
      `sess_id of ${build.id} (exit ${r.code}): ${r.argv.join(" ")}${err ? `: ${err}` : ""}`,
    );
    return r;
  }

  /**
   * Start a Deno TLS (rustls) server (servers/deno_tls_server.ts) on 127.0.0.1, in the harness's
   * own process: a target for {@linkcode ScenarioContext.sClient} like an s_server. Stopped when
   * the scenario ends.
   */
  async denoServer(): Promise<DenoServer> {
    this.signal.throwIfAborted();
    const server = await DenoServer.start(this);
    this.#denoServers.push(server);
    this.#steps.push(() => ({
      role: "deno server",
      opaque: `a Deno TLS (rustls) server on 127.0.0.1:${server.port}, in the harness's process`,
    }));
    return server;
  }

  #denoServers: DenoServer[] = [];

  /**
   * Start a TLS server of the server build, whatever its implementation, on 127.0.0.1: its CLI
   * server (`s_server`, `bssl server`, `gnutls-serv`), the FFI driver as a TCP server, or the
   * Deno server (see `tls_server.ts` for the dispatch). An option that peer cannot honour is an
   * {@linkcode UnsupportedError} naming it and the build. Stopped when the scenario ends.
   *
   * @example
   * ```ts ignore
   * const server = await ctx.tlsServer({ tls: "1.2", tickets: false });
   * await ctx.sClient(server, { tls: "1.2" });
   * console.log(await server.served(1)); // [{ resumed: false, … }], or undefined
   * ```
   */
  async tlsServer(options: TlsServerOptions): Promise<TlsServer> {
    this.signal.throwIfAborted();
    checkOptions("ctx.tlsServer", options, TLS_SERVER_OPTION_KINDS);
    if (options?.tls === undefined) {
      throw new TypeError(`ctx.tlsServer(): option "tls" is required ("1.2" or "1.3")`);
    }
    const kind = chooseTlsServer(this.serverBuild, options);
    const server = await startTlsServer(this, kind, options);
    this.#tlsServers.push(server);
    if (kind !== "s_server" && kind !== "deno") {
      this.#steps.push(() => ({ role: kind, opaque: server.description }));
    }
    this.notes.push(`server (${kind}): ${server.description}`);
    return server;
  }

  #tlsServers: TlsServer[] = [];

  /**
   * Connect a Deno TLS (rustls) client `count` times (in one process, one after another) to a
   * server, sending `request` on each and reading until the server closes or `timeoutMs`
   * (default: the step deadline) passed.
   */
  async denoClient(
    target: { port: number },
    options: { count?: number; request?: string; timeoutMs?: number } = {},
  ): Promise<DenoTlsClientResult[]> {
    this.signal.throwIfAborted();
    checkOptions("ctx.denoClient", options, {
      count: "integer",
      request: "string",
      timeoutMs: "integer",
    });
    this.#steps.push(() => ({
      role: "deno client",
      opaque: `${options.count ?? 1} Deno TLS (rustls) connection(s) to 127.0.0.1:${target.port}`,
    }));
    const results = await runDenoTlsClient({
      port: target.port,
      ca: this.pki.caCert,
      count: options.count ?? 1,
      request: options.request,
      timeoutMs: options.timeoutMs ?? this.stepTimeoutMs,
      signal: this.signal,
    });
    this.notes.push(`deno client: ${results.length} connection(s) to 127.0.0.1:${target.port}`);
    return results;
  }

  /**
   * The FFI driver of a build (the client build by default): libssl called directly, in a
   * process of its own (one libssl per process). The run's driver of that build, shared with
   * other scenarios; this scenario gets a scope of its own in it (its handles, its observed
   * frees), reused by later calls and ended when the scenario ends (its SSLs and SSL_CTXs are
   * then freed in the driver).
   */
  async ffi(build: Build = this.clientBuild): Promise<FfiDriver> {
    this.signal.throwIfAborted();
    const why = unmetRequirement(build, build === this.clientBuild ? "api" : "api@server");
    if (why) throw new UnsupportedError(why);
    const key = `${build.id}\0${build.path}\0${build.version}`;
    let view = this.#drivers.get(key);
    if (!view) {
      this.#requireLibraries(build);
      const driver = await this.#pool.acquire(build, {
        signal: this.signal,
        timeoutMs: this.stepTimeoutMs * 2,
      });
      view = driver.scoped();
      this.#drivers.set(key, view);
      this.#steps.push(() => ({
        role: "ffi driver",
        opaque: `libssl of ${build.id} called through Deno FFI (${driver.command})`,
      }));
      this.notes.push(`ffi driver for ${build.id} (pid ${driver.pid}): ${driver.command}`);
    }
    return view;
  }

  #drivers = new Map<string, FfiDriver>();

  /**
   * A client and a server SSL_CTX of the client build in its FFI driver ({@linkcode ffi}),
   * connected through memory BIOs: the setup of the API-level scenarios (see
   * {@linkcode FfiPair} for its defaults and steps).
   */
  async ffiPair(options: FfiPairOptions): Promise<FfiPair> {
    return FfiPair.open(this, await this.ffi(), options);
  }

  /** A build given by a path with no libraries beside it cannot run FFI checks: say so once. */
  #requireLibraries(build: Build): void {
    try {
      ffiLibraries(build);
    } catch {
      // Not a failure of the library under test, and not the harness's: the build lacks what the
      // scenario needs.
      throw new UnsupportedError(
        `Build "${build.id}" has no libssl/libcrypto beside "${build.path}": FFI scenarios ` +
          `need them; pass the build's install prefix or build tree instead of the binary alone`,
      );
    }
  }

  /** Add a note to the report (a measured fact that is not a check). */
  note(text: string): void {
    this.notes.push(text);
  }

  /** Stop here with status "skip" (e.g. the build lacks an option). */
  skip(reason: string): never {
    throw new SkipError(reason);
  }

  /**
   * The commands of the steps, in order, as a person types them: each build's own launch and
   * the `openssl` arguments (without the harness's line-buffering additions). Steps that are not
   * `openssl` commands (FFI, Deno TLS peers) are named in a comment.
   */
  reproCommands(): string[] {
    return this.#steps.map((thunk) => {
      const s = thunk();
      if (!("args" in s)) return `# ${s.role}: ${s.opaque}`;
      return `# ${s.role}\n${
        shellCommand([s.launch.command, ...s.launch.args, ...s.args], s.launch.env)
      }`;
    });
  }

  /**
   * The text of a `repro.sh` that replays this scenario's steps with plain commands in a fresh
   * shell and prints the lines its checks judged (see `repro_script.ts`); undefined when the
   * scenario started nothing.
   */
  reproScript(
    verdict: { scenario?: string; message?: string; failed?: ExpectationRecord } = {},
  ): string | undefined {
    if (this.#steps.length === 0) return undefined; // nothing ran: nothing to replay
    return reproScript({
      scenario: this.scenario.name,
      file: this.scenario.file,
      client: this.clientBuild.id,
      server: this.serverBuild.id,
      dir: this.dir,
      pki: this.pki,
      steps: this.#steps.map((thunk) => thunk()),
      ...verdict,
    });
  }

  /** Kill and reap every process the scenario started. */
  async [Symbol.asyncDispose](): Promise<void> {
    // Servers first: the FFI ones close their listeners through drivers that close next.
    await Promise.allSettled(this.#tlsServers.map((s) => s.stop()));
    await Promise.allSettled([...this.#drivers.values()].map((d) => d.close()));
    if (this.#ownPool) await this.#pool.close();
    await Promise.allSettled(this.peers.map((p) => p.process.kill()));
    await Promise.allSettled(this.#denoServers.map((s) => s.stop()));
  }
}

/**
 * The build as an OpenSSL build for the context's `s_client` / `s_server` / `sess_id` peers,
 * whose flags are OpenSSL's: an OpenSSL build, or a build of another implementation whose
 * `cliDialect` is "openssl" (its `cli.openssl` launch); any other build is an
 * {@linkcode UnsupportedError} naming the requirement.
 */
function openssl(build: Build, requirement: Requirement): OpensslBuild {
  const why = unmetRequirement(build, requirement);
  if (why) throw new UnsupportedError(why);
  if (build.implementation === "openssl") return build as OpensslBuild;
  // Another implementation whose CLI speaks OpenSSL's flags (LibreSSL's openssl): its tool.
  const tool = build.cli?.openssl;
  if (!tool) {
    throw new UnsupportedError(
      `build "${build.id}" (${build.implementation}) speaks the openssl dialect but has no ` +
        `"openssl" tool in its cli launches (needed for "${requirement}")`,
    );
  }
  return { ...build, path: build.path ?? tool.command, launch: tool } as unknown as OpensslBuild;
}
