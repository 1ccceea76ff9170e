import assert from "node:assert/strict";
import { cacheDir } from "./cache_dir.ts";

const envOf = (vars: Record<string, string>) => (name: string) => vars[name];

Deno.test("cacheDir() prefers the override, then TLS_HARNESS_CACHE, then XDG, then HOME", async (t) => {
  const all = {
    TLS_HARNESS_CACHE: "/explicit",
    XDG_CACHE_HOME: "/xdg",
    HOME: "/home/me",
  };
  await t.step("override wins over everything", () => {
    assert.equal(cacheDir("/override", envOf(all)), "/override");
  });
  await t.step("TLS_HARNESS_CACHE wins over XDG_CACHE_HOME and HOME", () => {
    assert.equal(cacheDir(undefined, envOf(all)), "/explicit");
  });
  await t.step("XDG_CACHE_HOME gets a tls-session-harness folder", () => {
    assert.equal(
      cacheDir(undefined, envOf({ XDG_CACHE_HOME: "/xdg/", HOME: "/home/me" })),
      "/xdg/tls-session-harness",
    );
  });
  await t.step("HOME falls back to ~/.cache/tls-session-harness", () => {
    assert.equal(
      cacheDir(undefined, envOf({ HOME: "/home/me" })),
      "/home/me/.cache/tls-session-harness",
    );
  });
  await t.step("empty variables count as unset", () => {
    assert.equal(
      cacheDir("", envOf({ TLS_HARNESS_CACHE: "", XDG_CACHE_HOME: "", HOME: "/h" })),
      "/h/.cache/tls-session-harness",
    );
  });
});

Deno.test("cacheDir() throws an actionable error when nothing is set", () => {
  assert.throws(() => cacheDir(undefined, envOf({})), /set TLS_HARNESS_CACHE or pass --cache-dir/);
});

Deno.test("cacheDir() reads the real environment by default", () => {
  const expected = Deno.env.get("TLS_HARNESS_CACHE") ||
    (Deno.env.get("XDG_CACHE_HOME")
      ? `${Deno.env.get("XDG_CACHE_HOME")!.replace(/\/+$/, "")}/tls-session-harness`
      : `${Deno.env.get("HOME")}/.cache/tls-session-harness`);
  assert.equal(cacheDir(), expected);
});
