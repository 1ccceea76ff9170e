import assert from "node:assert/strict";
import { busyTime, replayScript } from "./bench.ts";
import { classify, countProcesses, execsOf, floorSeconds } from "./floor.ts";
import { growthAllImplementations } from "./growth.ts";
import { runCli } from "./cli_run.ts";
import { type OpensslBuild, opensslBuild } from "../harness/openssl/mod.ts";

Deno.test("replayScript() turns repro steps into server/client calls on the script's own files", () => {
  const script = replayScript("/usr/bin/openssl", [
    "# s_server\nsh -c 'umask 077 && exec \"$@\"' sh stdbuf -oL -eL /usr/bin/openssl s_server " +
    "-accept 127.0.0.1:0 -cert /tmp/tls-harness-run-ab/tls-harness-pki-cd/leaf.pem -tls1_3",
    "# s_client\nsh -c 'umask 077 && exec \"$@\"' sh stdbuf -oL -eL /usr/bin/openssl s_client " +
    "-connect 127.0.0.1:4433 -CAfile /tmp/tls-harness-run-ab/tls-harness-pki-cd/ca.pem " +
    "-sess_out /tmp/tls-harness-run-ab/get_session_x-ef/tickets-1.pem",
  ]);
  assert.match(
    script,
    /^server stdbuf -oL -eL "\$OPENSSL" s_server -accept 127\.0\.0\.1:0 -cert pki\/leaf\.pem -tls1_3$/m,
  );
  assert.match(
    script,
    /^client stdbuf -oL -eL "\$OPENSSL" s_client -connect "127\.0\.0\.1:\$port" -CAfile pki\/ca\.pem -sess_out tickets-1\.pem$/m,
  );
  assert.throws(() => replayScript("openssl", ["# s_server\nopenssl s_server -www"]), RangeError);
});

Deno.test("replayScript() exports the commands' line buffering and runs openssl bare", () => {
  const script = replayScript("/usr/bin/openssl", [
    "# s_server\nLD_PRELOAD=/usr/libexec/coreutils/libstdbuf.so _STDBUF_O=L /usr/bin/openssl " +
    "s_server -accept 127.0.0.1:0 -tls1_3",
  ]);
  assert.match(script, /^export LD_PRELOAD=\/usr\/libexec\/coreutils\/libstdbuf\.so _STDBUF_O=L$/m);
  assert.match(script, /^server "\$OPENSSL" s_server -accept 127\.0\.0\.1:0 -tls1_3$/m);
});

Deno.test("replayScript() line-buffers commands printed without the harness's buffering", () => {
  // Reports print the pasteable command only; the replay must buffer lines as the harness does.
  const script = replayScript("/usr/bin/openssl", [
    "# s_client\n/usr/bin/openssl s_client -connect 127.0.0.1:4433 -tls1_3",
  ]);
  assert.match(
    script,
    /^(?:export LD_PRELOAD=\S*libstdbuf\.so _STDBUF_O=L _STDBUF_E=L$|client stdbuf -oL -eL )/m,
  );
  assert.match(
    script,
    /^client (?:stdbuf -oL -eL )?"\$OPENSSL" s_client -connect "127\.0\.0\.1:\$port"/m,
  );
});

const build = (id: string, path: string, loader?: string): OpensslBuild =>
  opensslBuild({
    id,
    version: `OpenSSL ${id}`,
    path,
    source: "fetched",
    launch: loader
      ? { command: loader, args: ["--library-path", "/l", path], env: {} }
      : { command: path, args: [], env: {} },
    libssl: `${path}.libssl.so`,
    libcrypto: `${path}.libcrypto.so`,
  });

Deno.test("execsOf() counts the wrappers that exec the next program, not the loader", () => {
  assert.equal(
    execsOf(["sh", "-c", 'umask 077 && exec "$@"', "sh", "stdbuf", "-oL", "-eL", "/o", "s_client"]),
    3,
  );
  assert.equal(execsOf(["stdbuf", "-oL", "/o", "s_server"]), 2);
  assert.equal(execsOf(["/o", "s_server"]), 1);
  assert.equal(execsOf(["/lib/ld-linux-x86-64.so.2", "--library-path", "/l", "/o", "s_client"]), 1);
  // setsid(1) gives the child its own session, then execs the command in place.
  assert.equal(execsOf(["/usr/bin/setsid", "/o", "s_server"]), 2);
  assert.equal(execsOf(["/usr/bin/setsid", "/lib/ld.so", "--library-path", "/l", "/o", "x"]), 2);
});

Deno.test("classify() and countProcesses() find each child's build and role", () => {
  const builds = [build("a", "/a/openssl"), build("b", "/b/openssl", "/b/ld.so")];
  const line = (argv: string[]) => ({ argv, start_ms: 0, duration_ms: 1 });
  const trace = [
    line(["/a/openssl", "s_server", "-accept", "127.0.0.1:0"]),
    line(["sh", "-c", "x", "sh", "stdbuf", "-oL", "/a/openssl", "s_client"]),
    line(["/b/ld.so", "--library-path", "/l", "/b/openssl", "sess_id", "-in", "f"]),
    line([
      "/b/ld.so",
      "--library-path",
      "/l",
      "/deno",
      "run",
      "/h/driver.ts",
      "--libssl",
      "/b/openssl.libssl.so",
    ]),
    line(["/a/openssl", "genpkey"]),
    line(["/usr/bin/env"]),
  ];
  assert.deepEqual(classify(trace[1].argv, builds), { build: "a", role: "s_client", execs: 3 });
  assert.equal(classify(trace[4].argv, builds), undefined);
  const counts = countProcesses(trace, builds, "/deno");
  assert.deepEqual(counts.perBuild.get("a"), {
    s_client: 1,
    s_server: 1,
    sess_id: 0,
    ffi_driver: 0,
  });
  assert.deepEqual(counts.perBuild.get("b"), {
    s_client: 0,
    s_server: 0,
    sess_id: 1,
    ffi_driver: 1,
  });
  assert.deepEqual(counts.execs.get("a"), { commands: 2, execs: 4 });
  assert.equal(counts.denoProcesses, 1);
  const cost = { s_client: 0.02, s_server: 0.01, sess_id: 0.005, ffi_driver: 0.2 };
  const floor = floorSeconds(counts, new Map([["a", cost]]), 2);
  assert.equal(Math.round(floor.floorS * 1000), 15);
  // Drivers count once per build, however many the run started.
  counts.perBuild.get("a")!.ffi_driver = 3;
  assert.equal(Math.round(floorSeconds(counts, new Map([["a", cost]]), 2).floorS * 1000), 115);
  assert.deepEqual(floor.unmeasured, ["b"]);
});

Deno.test("busyTime() counts a scenario's overlapping children once and caps concurrency at jobs", () => {
  const t = (cwd: string | undefined, start: number, duration: number) => ({
    argv: [],
    cwd,
    start_ms: start,
    duration_ms: duration,
  });
  // Scenario a: a server 0-100 with clients inside; scenario b: 50-150; a stray child 60-70.
  const trace = [
    t("a", 0, 100),
    t("a", 10, 20),
    t("a", 40, 20),
    t("b", 50, 100),
    t(undefined, 60, 10),
  ];
  const r = busyTime(trace, 2);
  assert.equal(r.sumS, 0.25);
  assert.equal(r.unionS, 0.21);
  // 0-50: one group; 50-100: two (three at 60-70, capped at 2); 100-150: one.
  assert.equal(r.busyS, 0.2);
  assert.equal(busyTime(trace, 1).busyS, 0.15);
});

Deno.test("growthAllImplementations() says why when the CLI refuses the selection", async () => {
  const work = await Deno.makeTempDir({ prefix: "bench-growth-" });
  try {
    const row = await growthAllImplementations(work, ["--build", "nosuchimpl:1", "--pairs", "all"]);
    assert.equal(row.results, undefined);
    assert.match(row.notRun ?? "", /nosuchimpl/);
  } finally {
    await Deno.remove(work, { recursive: true });
  }
});

Deno.test("replayScript() with a PKI made already points the commands at it and makes none", () => {
  const steps = [
    "# s_server\n/usr/bin/openssl s_server -accept 127.0.0.1:0 " +
    "-cert /tmp/tls-harness-run-ab/tls-harness-pki-cd/leaf.pem -tls1_3",
  ];
  const reuse = replayScript("/usr/bin/openssl", steps, { pkiDir: "/w/pki" });
  assert.match(reuse, /s_server -accept 127\.0\.0\.1:0 -cert \/w\/pki\/leaf\.pem -tls1_3$/m);
  assert.doesNotMatch(reuse, /genpkey/);
  const make = replayScript("/usr/bin/openssl", steps);
  assert.match(make, /genpkey/);
  assert.match(make, /-cert pki\/leaf\.pem/);
});

Deno.test("runCli() reports the CLI's own CPU apart from its children's", async () => {
  const work = await Deno.makeTempDir({ prefix: "bench-test-" });
  try {
    const sanity = new URL("../scenarios/sanity.ts", import.meta.url).pathname;
    const r = await runCli(work, [sanity, "--jobs", "1"]);
    assert.equal(r.code, 0);
    assert.ok(r.report.results.length >= 1);
    assert.ok(Number.isFinite(r.selfCpuS) && r.selfCpuS > 0, `selfCpuS ${r.selfCpuS}`);
    // GNU time counts the CLI and its children; the CLI alone is part of that.
    if (Number.isFinite(r.cpuS)) {
      assert.ok(r.selfCpuS <= r.cpuS + 0.01, `${r.selfCpuS} > ${r.cpuS}`);
    }
    assert.ok(r.trace.some((t) => t.argv.some((a) => a.endsWith("openssl"))), "traced children");
  } finally {
    await Deno.remove(work, { recursive: true });
  }
});
