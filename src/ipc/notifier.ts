import { eventContract, type EventChannel, type EventPayload } from '../shared/contract';
import type { Delivery } from '../shared/contract/define';
import type { Unsubscribe } from '../shared/events';

/** A window (Electron) or a WebSocket client (browser host) that receives pushes. */
export interface PushSink {
  send(channel: EventChannel, payload: unknown): void;
}

type BatchItem<K extends EventChannel> = EventPayload<K> extends ReadonlyArray<infer I> ? I : never;
type DeliveryOf<K extends EventChannel> = (typeof eventContract)[K]['delivery'];
/** What a service hands the notifier: one item for batch events, the whole payload otherwise. */
export type EmitValue<K extends EventChannel> = DeliveryOf<K> extends 'batch' ? BatchItem<K> : EventPayload<K>;

export interface NotifierOptions {
  /** How often coalesced events are flushed, in ms (bounded update rate whatever the send rate). */
  flushIntervalMs?: number;
  /** At most this many items per batch push; the rest go in the next flush. */
  maxBatch?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

/**
 * The one sender of main -> renderer pushes. Tracks sinks (a sink is forgotten when its window closes) and
 * coalesces high-rate events so the renderer gets a bounded number of updates a second.
 */
export class Notifier {
  private readonly sinks = new Set<PushSink>();
  private readonly latest = new Map<EventChannel, unknown>();
  private readonly batches = new Map<EventChannel, unknown[]>();
  private flushScheduled = false;
  private readonly flushIntervalMs: number;
  private readonly maxBatch: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;

  constructor(options: NotifierOptions = {}) {
    this.flushIntervalMs = options.flushIntervalMs ?? 100;
    this.maxBatch = options.maxBatch ?? 500;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms).unref?.());
  }

  addSink(sink: PushSink): Unsubscribe {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  get sinkCount(): number {
    return this.sinks.size;
  }

  emit<K extends EventChannel>(channel: K, value: EmitValue<K>): void {
    const delivery = eventContract[channel].delivery as Delivery;
    if (delivery === 'each') {
      this.broadcast(channel, value);
      return;
    }
    if (delivery === 'latest') {
      this.latest.set(channel, value);
    } else {
      const batch = this.batches.get(channel) ?? [];
      batch.push(value);
      this.batches.set(channel, batch);
    }
    this.scheduleFlush();
  }

  /** Sends everything pending now (also used on shutdown and by tests). */
  flush(): void {
    this.flushScheduled = false;
    for (const [channel, value] of this.latest) this.broadcast(channel, value);
    this.latest.clear();
    let more = false;
    for (const [channel, items] of this.batches) {
      const head = items.splice(0, this.maxBatch);
      if (head.length > 0) this.broadcast(channel, head);
      if (items.length > 0) more = true;
      else this.batches.delete(channel);
    }
    if (more) this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.setTimer(() => this.flush(), this.flushIntervalMs);
  }

  private broadcast(channel: EventChannel, payload: unknown): void {
    for (const sink of [...this.sinks]) {
      try {
        sink.send(channel, payload);
      } catch {
        // A sink that cannot take a push (closed window, dropped socket) is forgotten.
        this.sinks.delete(sink);
      }
    }
  }
}
