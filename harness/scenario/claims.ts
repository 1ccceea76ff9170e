/**
 * The claims catalogue moved to `harness/claims/`; scenario code keeps importing it from here.
 *
 * @module
 */
export { CLAIMS, findClaim } from "../claims/mod.ts";
export type { Claim } from "../claims/mod.ts";
