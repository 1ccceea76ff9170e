import type { Capability, Launch } from "../interface/mod.ts";
import type { SymbolMap, WolfsslFamily } from "./symbols.ts";
import type { FfiApiOptions } from "../../ffi/api_options.ts";

export type { Launch } from "../interface/mod.ts";

/** What a build can do (wolfSSL has no CLI ones). */
export type WolfsslCapability = Extract<Capability, "api" | "tcp-peer">;

/**
 * One fetched wolfSSL, as `build.json` of `<cache>/builds/wolfssl-<version>/` records it. The
 * shape of the draft `Build` of issue 10, plus where it came from in Debian.
 */
export interface WolfsslBuild {
  /** Always "wolfssl". */
  implementation: "wolfssl";
  /** Short label: "wolfssl-5.7.2". */
  id: string;
  /** What the library reports (`wolfSSL_lib_version`): "5.7.2". */
  version: string;
  /** Matching key across runs: "5.7". */
  family: WolfsslFamily;
  /** Always "fetched" (there is no system wolfSSL on the hosts). */
  source: "fetched";
  /** The build's folder. */
  path: string;
  /** Probed capabilities (empty until {@linkcode probeBuild} ran). */
  capabilities: WolfsslCapability[];
  /** Debian origin: suite, binary package, its version. */
  debian: { suite: string; package: string; version: string };
  /** For the FFI driver: libssl and libcrypto are the same file in wolfSSL. */
  ffi: {
    /** Absolute path of `libwolfssl.so.N`. */
    libssl: string;
    /** The same path (wolfSSL has no separate crypto library). */
    libcrypto: string;
    /** How to start a Deno that can dlopen it (under trixie's loader for 5.7 and 5.9). */
    launch: Launch;
    /** The symbol map of this family. */
    symbols: SymbolMap;
    /** The driver's options for this family (`api.ts`: constants, wolfSSL_Init). */
    api?: FfiApiOptions;
  };
}
