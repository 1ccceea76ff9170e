import assert from "node:assert/strict";
import { liveChildCount, ProcessError, run, runOk, spawn } from "./mod.ts";

Deno.test("run() captures stdout, stderr and the exit code", async () => {
  const r = await run("sh", { args: ["-c", "echo out; echo err >&2; exit 3"] });
  assert.equal(r.stdout, "out\n");
  assert.equal(r.stderr, "err\n");
  assert.equal(r.code, 3);
  assert.equal(r.killed, false);
});

Deno.test("runOk() throws a ProcessError carrying the command and output", async () => {
  const e = await runOk("sh", { args: ["-c", "echo nope >&2; exit 1"] }).catch((e) => e);
  assert.ok(e instanceof ProcessError);
  assert.match(e.message, /exit code 1/);
  assert.equal(e.stderr, "nope\n");
  assert.match(e.command, /^sh -c /);
});

Deno.test("spawn() of a missing command is a ProcessError naming it", () => {
  assert.throws(() => spawn("/nonexistent/openssl"), (e: Error) => {
    assert.ok(e instanceof ProcessError);
    assert.match(e.message, /command not found: "\/nonexistent\/openssl"/);
    return true;
  });
});

Deno.test("waitForLine() sees lines as they arrive, before the process exits", async () => {
  await using child = spawn("sh", { args: ["-c", "echo ready; sleep 30"] });
  const line = await child.waitForLine(/^ready$/, { timeoutMs: 5000 });
  assert.equal(line, "ready");
  assert.equal(child.exited, false);
});

Deno.test("waitForLine() times out with a ProcessError naming the deadline", async () => {
  await using child = spawn("sh", { args: ["-c", "exec sleep 30"] });
  const e = await child.waitForLine(/never/, { timeoutMs: 100 }).catch((e) => e);
  assert.ok(e instanceof ProcessError);
  assert.match(e.message, /timed out after 100 ms/);
});

Deno.test("waitForLine() rejects when the process exits first", async () => {
  const child = spawn("sh", { args: ["-c", "echo bye"] });
  const e = await child.waitForLine(/never/, { timeoutMs: 5000 }).catch((e) => e);
  assert.ok(e instanceof ProcessError);
  assert.match(e.message, /exit/);
  await child.finished;
});

Deno.test("wait() past its deadline kills the process and says so", async () => {
  const child = spawn("sh", { args: ["-c", "exec sleep 30"] });
  const e = await child.wait({ timeoutMs: 100 }).catch((e) => e);
  assert.ok(e instanceof ProcessError);
  assert.match(e.message, /timed out after 100 ms waiting for exit/);
  const r = await child.finished;
  assert.equal(r.killed, true);
});

Deno.test("kill() escalates to SIGKILL for a process that ignores SIGTERM", async () => {
  const child = spawn("sh", { args: ["-c", "trap '' TERM; echo up; sleep 30"], killGraceMs: 200 });
  await child.waitForLine(/^up$/);
  const r = await child.kill();
  assert.equal(r.signal, "SIGKILL");
});

Deno.test("disposal reaps every child: none left running", async () => {
  {
    await using a = spawn("sleep", { args: ["30"] });
    await using b = spawn("sleep", { args: ["30"] });
    assert.ok(a.pid > 0 && b.pid > 0);
  }
  assert.equal(liveChildCount(), 0);
});

Deno.test("stdin stays open until closeStdin()", async () => {
  await using child = spawn("cat", { stdin: true });
  await child.write("one\n");
  assert.equal(await child.waitForLine(/one/), "one");
  await child.closeStdin();
  const r = await child.wait({ timeoutMs: 5000 });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, "one\n");
});

Deno.test("an aborted signal kills the process", async () => {
  const controller = new AbortController();
  const child = spawn("sleep", { args: ["30"], signal: controller.signal });
  controller.abort();
  const r = await child.finished;
  assert.equal(r.killed, true);
});

Deno.test("a grandchild holding the pipes does not keep a dead child from being reaped", async () => {
  const started = performance.now();
  const child = spawn("sh", { args: ["-c", "sleep 5 & echo started"] });
  await child.waitForLine(/started/);
  const r = await child.wait({ timeoutMs: 4000 });
  assert.equal(r.code, 0);
  assert.ok(performance.now() - started < 3000, "waited for the grandchild");
});

Deno.test("run() and wait() remove the abort listeners they add to the caller's signal", async () => {
  // A listener left on an AbortSignal.timeout keeps its timer, and the process, alive.
  const controller = new AbortController();
  const signal = controller.signal;
  let listeners = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((...a: Parameters<typeof add>) => {
    listeners++;
    add(...a);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((...a: Parameters<typeof remove>) => {
    listeners--;
    remove(...a);
  }) as typeof signal.removeEventListener;
  for (let i = 0; i < 3; i++) await run("true", { signal, timeoutMs: 5000 });
  assert.equal(listeners, 0);
});

Deno.test("output is split into lines across reads: a character split between two writes, CRLF, no final newline", async () => {
  // "é" is two bytes; the child writes them 50 ms apart, so they arrive in two reads.
  const r = await run("sh", {
    args: ["-c", String.raw`printf 'a\303'; sleep 0.05; printf '\251b\r\nlast'`],
  });
  assert.equal(r.stdout, "aéb\nlast\n");
});
