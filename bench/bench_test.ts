import assert from "node:assert/strict";
import { busyTime, replayScript } from "./bench.ts";

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
