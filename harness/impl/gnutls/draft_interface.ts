/**
 * The engine's implementation types, under the names this folder's files import (the draft of
 * issue 10 they were written against is now `harness/impl/interface/`).
 *
 * @module
 */
export type {
  Build,
  Capability,
  ImplementationName,
  Launch as ToolLaunch,
} from "../interface/mod.ts";
