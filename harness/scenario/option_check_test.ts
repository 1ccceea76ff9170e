import assert from "node:assert/strict";
import { checkOptions } from "./option_check.ts";
import { ScenarioContext } from "./context.ts";
import { liveChildCount } from "../process/mod.ts";
import { systemBuild } from "../openssl/mod.ts";

const SCHEMA = {
  tls: ["1.2", "1.3"],
  numTickets: "integer",
  noTicket: "boolean",
  extraArgs: "string[]",
  build: "object",
} as const;

Deno.test("checkOptions() accepts what the schema allows, undefined values included", () => {
  checkOptions("m", undefined, SCHEMA);
  checkOptions("m", {}, SCHEMA);
  checkOptions("m", { tls: "1.3", numTickets: 0, noTicket: false, extraArgs: ["-x"] }, SCHEMA);
  checkOptions("m", { tls: undefined, build: { id: "system" } }, SCHEMA);
});

Deno.test("checkOptions() names an unknown option and the near miss", () => {
  assert.throws(
    () => checkOptions("ctx.sServer", { numTicket: 1 }, SCHEMA),
    new TypeError(
      'ctx.sServer(): unknown option "numTicket" (did you mean "numTickets"?); it takes: tls, ' +
        "numTickets, noTicket, extraArgs, build",
    ),
  );
  assert.throws(() => checkOptions("m", { NOTICKET: true }, SCHEMA), /did you mean "noTicket"/);
  assert.throws(
    () => checkOptions("m", { zzzzzzzz: 1 }, SCHEMA),
    /^TypeError: m\(\): unknown option "zzzzzzzz"; it takes/,
  );
});

Deno.test("checkOptions() names a value of the wrong type and what the option takes", () => {
  for (
    const [options, message] of [
      [{ tls: 1.3 }, 'option "tls" takes one of "1.2", "1.3", got a number 1.3'],
      [{ tls: "1.4" }, 'option "tls" takes one of "1.2", "1.3", got a string "1.4"'],
      [{ numTickets: "2" }, 'option "numTickets" takes a whole number ≥ 0, got a string "2"'],
      [{ numTickets: 1.5 }, 'option "numTickets" takes a whole number ≥ 0, got a number 1.5'],
      [{ noTicket: "yes" }, 'option "noTicket" takes true or false, got a string "yes"'],
      [{ extraArgs: "-x" }, 'option "extraArgs" takes an array of strings, got a string "-x"'],
      [{ build: "3.5" }, 'option "build" takes an object, got a string "3.5"'],
    ] as const
  ) {
    assert.throws(() => checkOptions("m", options, SCHEMA), new TypeError(`m(): ${message}`));
  }
  assert.throws(() => checkOptions("m", "1.3", SCHEMA), /options must be an object, got a string/);
});

Deno.test("ScenarioContext.sServer()/sClient()/denoClient()/sessIdText() check their options before starting anything", async () => {
  // Never started: every call below must fail on its options first.
  const build = {
    ...(await systemBuild()),
    launch: { command: "/nonexistent", args: [], env: {} },
  };
  const ctx = new ScenarioContext({
    scenario: { name: "t/options", claims: ["SS-1"], tags: [], file: "" },
    client: build,
    server: build,
    dir: "/nonexistent",
    pki: { caCert: "/x/ca.pem", cert: "/x/leaf.pem", key: "/x/leaf.key", chain: "/x/chain.pem" },
    signal: new AbortController().signal,
    stepTimeoutMs: 1000,
  });
  const target = { port: 1, awaitPostHandshake: () => Promise.resolve({ serverCloses: false }) };
  await using _ = ctx;
  const bad = <T>(o: unknown) => o as T;
  await assert.rejects(
    () => ctx.sServer(bad({ numTicket: 1 })),
    /^TypeError: ctx\.sServer\(\): unknown option "numTicket" \(did you mean "numTickets"\?\)/,
  );
  await assert.rejects(
    () => ctx.sServer(bad({ tls: 1.3 })),
    /ctx\.sServer\(\): option "tls" takes one of "1\.2", "1\.3", got a number 1\.3/,
  );
  await assert.rejects(
    () => ctx.sClient(target, bad({ sessout: "s.pem" })),
    /ctx\.sClient\(\): unknown option "sessout" \(did you mean "sessOut"\?\)/,
  );
  await assert.rejects(
    () => ctx.sClient(target, bad({ close: "sigkill" })),
    /ctx\.sClient\(\): option "close" takes one of "clean", "kill", "term"/,
  );
  await assert.rejects(
    () => ctx.denoClient(target, bad({ counts: 2 })),
    /ctx\.denoClient\(\): unknown option "counts" \(did you mean "count"\?\)/,
  );
  await assert.rejects(
    () => ctx.sessIdText("s.pem", bad({ biuld: build })),
    /ctx\.sessIdText\(\): unknown option "biuld" \(did you mean "build"\?\)/,
  );
  assert.equal(ctx.peers.length, 0, "nothing was started");
  assert.equal(liveChildCount(), 0);
});
