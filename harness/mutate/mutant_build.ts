import type { OpensslBuild } from "../openssl/mod.ts";
import type { Mutant } from "./mutants.ts";

const SHIM = new URL("./openssl_mutant.sh", import.meta.url).pathname;

/**
 * The same build with one behaviour removed: CLI mutants launch `openssl` through a shim that
 * rewrites its arguments or its session files; FFI mutants tell the driver through the
 * `TLS_HARNESS_FFI_MUTANT` environment variable.
 */
export function mutantBuild(build: OpensslBuild, mutant: Mutant): OpensslBuild {
  const id = `${build.id}+${mutant.name}`;
  if (mutant.layer === "ffi") {
    const ffi = build.ffiLaunch ?? { command: Deno.execPath(), args: [], env: {} };
    return {
      ...build,
      id,
      ffiLaunch: { ...ffi, env: { ...ffi.env, TLS_HARNESS_FFI_MUTANT: mutant.name } },
    };
  }
  return {
    ...build,
    id,
    launch: {
      command: "sh",
      args: [SHIM, mutant.name, "--", build.launch.command, ...build.launch.args],
      env: build.launch.env,
    },
  };
}
