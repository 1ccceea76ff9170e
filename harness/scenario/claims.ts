/**
 * The claims catalogue moved to `harness/claims/`; scenario code keeps importing it from here.
 *
 * @module
 */
export { claimQuotes, CLAIMS, findClaim } from "../claims/mod.ts";
export type { Claim } from "../claims/mod.ts";
