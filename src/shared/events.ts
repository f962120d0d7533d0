/** A tiny typed listener set: every `on` returns its own unsubscribe function. */
export type Unsubscribe = () => void;

export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  on(listener: (value: T) => void): Unsubscribe {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.set]) {
      try {
        listener(value);
      } catch {
        // One broken listener must not stop the others (or the service that emits).
      }
    }
  }

  get size(): number {
    return this.set.size;
  }
}
