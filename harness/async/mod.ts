/**
 * Async plumbing shared by the runner and the reporters (pure, no I/O): a queue from pushes to
 * an async iterable.
 *
 * @example
 * ```ts
 * import { AsyncQueue } from "./mod.ts";
 * const events = new AsyncQueue<string>();
 * setTimeout(() => (events.push("scenario:end"), events.close()), 0);
 * for await (const e of events) console.log(e);
 * ```
 * @module
 */
export * from "./async_queue.ts";
