/**
 * The FFI driver program: one process per OpenSSL build, holding that build's libssl. It reads
 * JSON requests, one per line, on stdin and answers each on stdout, in order (see
 * `protocol.ts`). stderr is left to libssl and Deno: when the process dies, the parent
 * attaches it to the error. It exits when stdin closes. With `TLS_HARNESS_FFI_MUTANT=<name>` in
 * its environment it runs that mutant (see `ffi_mutant.ts`) and names it in its hello.
 *
 * ```sh
 * deno run --allow-ffi --allow-read --allow-net --allow-env harness/ffi/driver.ts \
 *   --libssl /usr/lib/x86_64-linux-gnu/libssl.so.3 \
 *   --libcrypto /usr/lib/x86_64-linux-gnu/libcrypto.so.3
 * ```
 *
 * @example
 * ```ts ignore
 * // Normally started by FfiDriver.start(build); by hand:
 * // echo '{"id":1,"op":"session_new","args":{}}' | deno run -A harness/ffi/driver.ts --libssl … --libcrypto …
 * ```
 * @module
 */

import { parseArgs } from "node:util";
import { openLibssl } from "./libssl.ts";
import { DriverOps } from "./driver_ops.ts";
import { OpError } from "./op_error.ts";
import { FFI_MUTANT_ENV, parseFfiMutant } from "./ffi_mutant.ts";
import type { FfiRequest, FfiResponse } from "./protocol.ts";

const encoder = new TextEncoder();

function send(res: FfiResponse): void {
  const bytes = encoder.encode(JSON.stringify(res) + "\n");
  let off = 0;
  while (off < bytes.length) off += Deno.stdout.writeSync(bytes.subarray(off));
}

function failure(id: number, e: unknown): FfiResponse {
  const error = e instanceof Error ? e.message : String(e);
  const opensslErrors = e instanceof OpError && e.opensslErrors.length > 0
    ? e.opensslErrors
    : undefined;
  const unsupported = e instanceof OpError ? e.unsupported : undefined;
  return {
    id,
    ok: false,
    error,
    ...(opensslErrors ? { opensslErrors } : {}),
    ...(unsupported !== undefined ? { unsupported } : {}),
  };
}

/** Run the driver until stdin closes. Resolves with the exit code. */
export async function main(argv: string[] = Deno.args): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      libssl: { type: "string" },
      libcrypto: { type: "string" },
      symbols: { type: "string" },
      api: { type: "string" },
    },
  });
  if (!values.libssl || !values.libcrypto) {
    send({ id: 0, ok: false, error: "Both --libssl PATH and --libcrypto PATH are required" });
    return 2;
  }
  let ops: DriverOps;
  try {
    // A mutant (harness mutate) alters one libssl behaviour; unset means the real one.
    const mutant = parseFfiMutant(Deno.env.get(FFI_MUTANT_ENV));
    // The implementation's symbol map, as JSON (FfiDriverStartOptions.symbols).
    const symbols = values.symbols ? JSON.parse(values.symbols) : undefined;
    const paths = { libssl: values.libssl, libcrypto: values.libcrypto, symbols };
    // Its constants, start calls and ticket behaviour (FfiDriverStartOptions.api).
    const api = values.api ? JSON.parse(values.api) : undefined;
    ops = new DriverOps(openLibssl(paths), { mutant, api });
  } catch (e) {
    send(failure(0, e));
    return 2;
  }
  send({ id: 0, ok: true, result: ops.hello() });

  let pending = "";
  for await (const chunk of Deno.stdin.readable.pipeThrough(new TextDecoderStream())) {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      if (line) await handle(ops, line);
    }
  }
  ops.close();
  return 0;
}

async function handle(ops: DriverOps, line: string): Promise<void> {
  let req: FfiRequest;
  try {
    req = JSON.parse(line);
    if (typeof req.id !== "number" || typeof req.op !== "string") {
      throw new SyntaxError(`Expected {"id": number, "op": string, "args"?: object}`);
    }
  } catch (e) {
    send({
      id: -1,
      ok: false,
      error: `Bad request line ${JSON.stringify(line)}: ${(e as Error).message}`,
    });
    return;
  }
  try {
    const scope = typeof req.scope === "number" ? req.scope : null;
    const result = await ops.dispatch(req.op, req.args ?? {}, scope);
    send({ id: req.id, ok: true, result: result ?? {} });
  } catch (e) {
    send(failure(req.id, e));
  }
}

if (import.meta.main) Deno.exitCode = await main();
