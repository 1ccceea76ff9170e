/**
 * Measure the BoringSSL session behaviours that depart from OpenSSL's man pages, through the
 * symbol map, in a Deno process of the build's own (`ffi.launch`): memory-BIO handshakes
 * between a client and a server of that library. The observations are data for expected
 * deviations; the script is `_api_measure_script.ts`.
 *
 * @module
 */
import { ProcessError, run } from "../../process/mod.ts";
import type { Build } from "./_interface.ts";
import { resolveSignatures } from "./symbols.ts";

/** What {@linkcode measureSessionApi} observed. */
export interface SessionApiObservations {
  /** A TLS 1.3 handshake completed. */
  tls13Handshake: boolean;
  /** SSL_SESSION_is_resumable(SSL_get_session(client)) right after the handshake. */
  tls13ResumableBeforeTickets: number;
  /** New-session callbacks before the server wrote anything. */
  tls13CallbacksBeforeServerWrite: number;
  /** New-session callbacks once the server wrote one byte and the client read it. */
  tls13CallbacksAfterServerWrite: number;
  /** Whether SSL_get_session(client) is another object once the tickets were read. */
  tls13GetSessionChangedByTickets: boolean;
  /** SSL_SESSION_is_resumable(SSL_get_session(client)) after the tickets. */
  tls13GetSessionResumableAfterTickets: number;
  /** SSL_SESSION_is_resumable of each session handed to the callback. */
  tls13CallbackSessionsResumable: number[];
  /** SSL_session_reused after offering SSL_get1_session()'s session. */
  tls13ReusedWithGet1Session: number;
  /** SSL_session_reused after offering the callback's last session. */
  tls13ReusedWithCallbackSession: number;
  /** A TLS 1.2 handshake (tickets off, server cache off) completed. */
  tls12Handshake: boolean;
  /** Length of the client's session ID then (OpenSSL's server sends 32 bytes). */
  tls12CacheOffSessionIdLength: number;
  /** New-session callbacks then (client and server). */
  tls12CacheOffCallbacks: number;
  /** SSL_SESSION_new(ctx) returned a session. */
  sessionNewNonNull: boolean;
  /** SSL_SESSION_is_resumable of that fresh session. */
  sessionNewResumable: number;
  /** Whether SSL_CTX_set_num_tickets is exported. */
  setNumTickets: boolean;
}

/** Options for {@linkcode measureSessionApi}. */
export interface MeasureSessionApiOptions {
  /** Server certificate chain (PEM). */
  cert: string;
  /** Server key (PEM). */
  key: string;
  /** CA the client trusts (PEM). */
  caFile: string;
  /** Deadline, in milliseconds. @default {30000} */
  timeoutMs?: number;
  /** Aborting kills the measuring process. */
  signal?: AbortSignal;
}

/**
 * Run the measurements for one build.
 *
 * @throws {ProcessError} with the process's output when the script fails.
 * @example
 * ```ts ignore
 * import { measureSessionApi } from "./api_measure.ts";
 * const o = await measureSessionApi(build, { cert: pki.chain, key: pki.key, caFile: pki.caCert });
 * console.log(o.tls13GetSessionResumableAfterTickets);
 * ```
 */
export async function measureSessionApi(
  build: Build,
  options: MeasureSessionApiOptions,
): Promise<SessionApiObservations> {
  const ffi = build.ffi;
  if (!ffi?.launch) throw new RangeError(`Build "${build.id}" has no FFI launch`);
  const config = {
    libssl: ffi.libssl,
    libcrypto: ffi.libcrypto,
    symbols: resolveSignatures(ffi.symbols),
    cert: options.cert,
    key: options.key,
    caFile: options.caFile,
  };
  const script = new URL("./_api_measure_script.ts", import.meta.url).pathname;
  const r = await run(ffi.launch.command, {
    args: [
      ...ffi.launch.args,
      "run",
      "--no-config",
      "--allow-ffi",
      "--allow-read",
      script,
      JSON.stringify(config),
    ],
    env: { ...ffi.launch.env, DENO_NO_UPDATE_CHECK: "1" },
    timeoutMs: options.timeoutMs ?? 30_000,
    signal: options.signal,
  });
  if (r.code !== 0) {
    throw new ProcessError(
      `The BoringSSL API measurement for "${build.id}" failed (exit code ${r.code})`,
      {
        command: r.argv.slice(0, -1).join(" ") + " <config>",
        code: r.code,
        stdout: r.stdout,
        stderr: r.stderr,
      },
    );
  }
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!);
}
