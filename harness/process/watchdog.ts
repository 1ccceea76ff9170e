/**
 * One process per run that outlives the harness by exactly as long as it takes to kill what the
 * harness started. Every child runs in a process group of its own (a session, in fact: it does
 * not get the terminal's Ctrl-C either), so that a forking peer's grandchildren are stopped with
 * it; a group, though, does not die with the harness. The watchdog is a small `sh` loop that
 * reads process-group ids on a pipe from the harness (`+PGID` when a child starts, `-PGID` once
 * the harness has stopped that group) and, when the pipe closes without a word (the harness
 * died, even by SIGKILL, since the kernel closes its end), sends SIGKILL to every group still
 * listed. One process per run, not a wrapper per child: the cost is one `sh` at start and a
 * line written per child (measured in the README).
 * @module
 */

/**
 * The watchdog's script: POSIX `sh` builtins only (no fork per line). It ignores the signals a
 * terminal or a `kill` of the run's group sends, since its whole point is to act after the
 * harness has gone.
 */
export const WATCHDOG_SCRIPT = [
  "trap '' INT TERM HUP",
  'groups=" "',
  "while read -r line; do",
  "  case $line in",
  '    +*) groups="$groups${line#+} " ;;',
  '    -*) g=${line#-}; case $groups in *" $g "*) groups="${groups%% $g *} ${groups#* $g }" ;; esac ;;',
  "  esac",
  "done",
  'for g in $groups; do kill -s KILL -- "-$g" 2>/dev/null; done',
].join("\n");

const encoder = new TextEncoder();

/**
 * The run's watchdog: {@linkcode Watchdog.watch} a process group as soon as it exists,
 * {@linkcode Watchdog.release} it once it is stopped. Disposing closes the pipe (the watchdog
 * then kills whatever is still listed, normally nothing) and reaps it.
 */
export class Watchdog implements AsyncDisposable {
  /** The watchdog's own pid. */
  readonly pid: number;
  #child: Deno.ChildProcess;
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  // Lines are written in order, one write at a time: a `-PGID` must never overtake its `+PGID`.
  #chain: Promise<void> = Promise.resolve();
  #closed = false;

  constructor() {
    this.#child = new Deno.Command("sh", {
      args: ["-c", WATCHDOG_SCRIPT],
      stdin: "piped",
      stdout: "null",
      stderr: "null",
      // Its own session: Ctrl-C in the terminal, or a kill of the harness's group, must leave
      // it standing to clean up after the harness.
      detached: true,
    }).spawn();
    this.pid = this.#child.pid;
    this.#writer = this.#child.stdin.getWriter();
  }

  /** List a process group: it is killed if the harness dies before releasing it. */
  watch(pgid: number): void {
    this.#send(`+${pgid}\n`);
  }

  /** Unlist a process group the harness has stopped itself. */
  release(pgid: number): void {
    this.#send(`-${pgid}\n`);
  }

  #send(line: string): void {
    if (this.#closed) return;
    const bytes = encoder.encode(line);
    this.#chain = this.#chain.then(() => this.#writer.write(bytes)).catch(() => {});
  }

  /** Close the pipe and reap the watchdog (within 2 s; then it is killed). */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#chain;
    await this.#writer.close().catch(() => {});
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((r) => timer = setTimeout(() => r("late"), 2000));
    if (await Promise.race([this.#child.status, late]) === "late") {
      try {
        this.#child.kill("SIGKILL");
      } catch { /* already gone */ }
      await this.#child.status;
    }
    clearTimeout(timer);
    if (active === this) active = undefined;
  }
}

let active: Watchdog | undefined;

/** The running watchdog, if {@linkcode startWatchdog} was called (the spawn module asks). */
export function activeWatchdog(): Watchdog | undefined {
  return active;
}

/**
 * Start the run's watchdog; every child spawned from now on is listed with it. One at a time:
 * a second call while one runs returns a disposable that does nothing (the first one stays).
 *
 * @example
 * ```ts ignore
 * import { startWatchdog } from "./watchdog.ts";
 * await using _watchdog = startWatchdog();
 * // … spawn peers: if this process is killed by SIGKILL, they die within milliseconds.
 * ```
 */
export function startWatchdog(): AsyncDisposable {
  if (active) return { [Symbol.asyncDispose]: async () => {} };
  active = new Watchdog();
  return active;
}
