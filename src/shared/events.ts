/** A tiny typed listener set: every `on` returns its own unsubscribe function. */
export type Unsubscribe = () => void;

/** Told about an error nobody else can handle (a listener that threw, a background write that failed). */
export type ErrorReporter = (error: unknown, context: string) => void;

const consoleReporter: ErrorReporter = (error, context) => console.error(`${context}:`, error);

let reporter: ErrorReporter = consoleReporter;
/** True while the reporter runs: an error it causes (a logger's own listener throwing) goes to the console instead. */
let reporting = false;

/**
 * Where unexpected errors go in this process (like VS Code's `setUnexpectedErrorHandler`): the composition root
 * connects it to the logger; until then, and in tests, it is console.error. Returns a function that restores the
 * previous reporter.
 */
export function setErrorReporter(next: ErrorReporter): () => void {
  const previous = reporter;
  reporter = next;
  return () => {
    reporter = previous;
  };
}

/** Reports an error that would otherwise be lost. Never throws. */
export function reportError(error: unknown, context: string): void {
  if (reporting) {
    consoleReporter(error, context);
    return;
  }
  reporting = true;
  try {
    reporter(error, context);
  } catch (failure) {
    consoleReporter(error, context);
    consoleReporter(failure, 'The error reporter failed');
  } finally {
    reporting = false;
  }
}

export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  /** `name` says whose event it is in a report ("WhatsApp status"); `report` replaces the process's reporter. */
  constructor(
    private readonly name = 'an event',
    private readonly report: ErrorReporter | null = null,
  ) {}

  on(listener: (value: T) => void): Unsubscribe {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.set]) {
      try {
        listener(value);
      } catch (err) {
        // One broken listener must not stop the others (or the service that emits), but it must be seen.
        this.tell(err);
      }
    }
  }

  private tell(err: unknown): void {
    const context = `A listener of ${this.name} failed`;
    if (!this.report) return reportError(err, context);
    try {
      this.report(err, context);
    } catch (failure) {
      reportError(err, context);
      reportError(failure, `The error reporter of ${this.name} failed`);
    }
  }

  get size(): number {
    return this.set.size;
  }
}
