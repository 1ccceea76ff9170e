import { AsyncQueue } from "../async/mod.ts";

/**
 * Feed one async stream to several consumers, each at its own pace (every consumer sees every
 * item, in order). Items are buffered per consumer; an error of the source reaches every
 * consumer after the items before it.
 */
export function broadcast<T>(source: AsyncIterable<T>, count: number): AsyncIterable<T>[] {
  const queues = Array.from({ length: count }, () => new AsyncQueue<T>());
  (async () => {
    try {
      for await (const item of source) for (const q of queues) q.push(item);
      for (const q of queues) q.close();
    } catch (error) {
      for (const q of queues) q.fail(error);
    }
  })();
  return queues;
}
