import type { CliIo } from "../../harness/cli/io.ts";

/** A CLI io for tests: keeps what is written; relative paths are taken from `cwd`. */
export function captureIo(cwd: string): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    isTty: false,
    cwd,
    stdout: (t: string) => {
      io.out += t;
      return Promise.resolve();
    },
    stderr: (t: string) => {
      io.err += t;
      return Promise.resolve();
    },
  };
  return io;
}
