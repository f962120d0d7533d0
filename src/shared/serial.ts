/** A function that runs the work given to it one at a time, in call order. */
export type Serial = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Runs work one piece at a time, each after the previous one settled. A piece that fails rejects its own caller
 * only; the next one runs all the same.
 */
export function serial(): Serial {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
}
