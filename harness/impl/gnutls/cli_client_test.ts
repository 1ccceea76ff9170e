import assert from "node:assert/strict";
import { gnutlsCliArgs, hasWaitResumption } from "./cli_client.ts";

Deno.test("hasWaitResumption() is true from 3.8 on, and gnutlsCliArgs() passes --waitresumption", () => {
  assert.equal(hasWaitResumption("gnutls-cli 3.7.1"), false);
  assert.equal(hasWaitResumption("gnutls-cli 3.7.9"), false);
  assert.equal(hasWaitResumption("gnutls-cli 3.8.9"), true);
  assert.equal(hasWaitResumption("3.8.13"), true);
  assert.equal(hasWaitResumption("unknown"), false);
  const args = gnutlsCliArgs({ port: 1 }, {
    caFile: "ca.pem",
    resumeInProcess: true,
    waitResumption: true,
  });
  assert.ok(args.includes("--resume") && args.includes("--waitresumption"));
  assert.ok(!gnutlsCliArgs({ port: 1 }, { caFile: "ca.pem" }).includes("--waitresumption"));
});
