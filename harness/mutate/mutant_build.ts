import type { Build } from "../impl/mod.ts";
import type { OpensslBuild } from "../openssl/mod.ts";
import { ffiLaunch } from "../ffi/mod.ts";
import type { Mutant } from "./mutants.ts";

const SHIM = new URL("./openssl_mutant.sh", import.meta.url).pathname;

/**
 * Why `mutant` cannot be made from `build`, or undefined when it can. CLI mutants wrap OpenSSL's
 * `openssl` command (`openssl_mutant.sh` rewrites `s_client`/`s_server` arguments and session
 * files), so they exist for OpenSSL builds only; FFI mutants patch the FFI driver's libssl
 * functions, so they need a build the driver runs on (capability `api` or `tcp-peer`).
 *
 * @example
 * ```ts ignore
 * import { mutantUnsupported } from "./mutant_build.ts";
 * console.log(mutantUnsupported(boringssl14, findMutant("no_tickets")!)); // "Mutant "no_tickets" wraps …"
 * ```
 */
export function mutantUnsupported(build: Build, mutant: Mutant): string | undefined {
  const name = `build "${build.id}" (${build.implementation})`;
  if (mutant.layer === "cli") {
    if (build.implementation === "openssl" && "launch" in build) return undefined;
    return `Mutant "${mutant.name}" wraps OpenSSL's openssl command ` +
      `(harness/mutate/openssl_mutant.sh), which ${name} does not run: ` +
      `CLI mutants exist for OpenSSL builds only`;
  }
  if (build.capabilities.some((c) => c === "api" || c === "tcp-peer")) return undefined;
  return `Mutant "${mutant.name}" patches the FFI driver's libssl, and ${name} has no FFI ` +
    `driver (no "api" or "tcp-peer" capability)`;
}

/**
 * The same build with one behaviour removed: CLI mutants launch `openssl` through a shim that
 * rewrites its arguments or its session files; FFI mutants tell the driver through the
 * `TLS_HARNESS_FFI_MUTANT` environment variable, on any implementation the driver runs.
 *
 * @throws {RangeError} when the mutant cannot be made from this build ({@linkcode mutantUnsupported}).
 */
export function mutantBuild<B extends Build>(build: B, mutant: Mutant): B {
  const unsupported = mutantUnsupported(build, mutant);
  if (unsupported) throw new RangeError(unsupported);
  const id = `${build.id}+${mutant.name}`;
  if (mutant.layer === "ffi") {
    const launch = ffiLaunch(build);
    const mutated = { ...launch, env: { ...launch.env, TLS_HARNESS_FFI_MUTANT: mutant.name } };
    // A fork's build keeps its launch under `ffi`; an OpenSSL manifest at the top.
    return build.ffi
      ? { ...build, id, ffi: { ...build.ffi, launch: mutated } }
      : { ...build, id, ffiLaunch: mutated };
  }
  const cli = build as unknown as OpensslBuild;
  return {
    ...build,
    id,
    launch: {
      command: "sh",
      args: [SHIM, mutant.name, "--", cli.launch.command, ...cli.launch.args],
      env: cli.launch.env,
    },
  };
}
