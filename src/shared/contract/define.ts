import type { z } from 'zod';

/**
 * One request/response channel. `request` is the zod schema main validates every payload with;
 * the response type rides along as a phantom so the renderer and preload see it too.
 */
export interface InvokeDef<Req extends z.ZodType, Res> {
  request: Req;
  doc: string;
  /** Phantom: never set at run time. */
  readonly response?: Res;
}

/** `invoke<Response>()(requestSchema, doc)`: curried so the response type can be given while the schema is inferred. */
export const invoke =
  <Res>() =>
  <Req extends z.ZodType>(request: Req, doc: string): InvokeDef<Req, Res> => ({ request, doc });

/**
 * How the notifier delivers a main -> renderer push:
 * - `each`: every payload as it comes (rare, low-rate events);
 * - `latest`: at most a few a second, only the newest payload (status, progress snapshots);
 * - `batch`: items gathered and sent as one array a few times a second (log lines, per-row updates).
 */
export type Delivery = 'each' | 'latest' | 'batch';

export interface EventDef<Payload, D extends Delivery = Delivery> {
  delivery: D;
  doc: string;
  /** Phantom: what the renderer receives (for `batch`, an array). */
  readonly payload?: Payload;
}

export const event =
  <Payload>() =>
  <D extends Delivery>(delivery: D, doc: string): EventDef<Payload, D> => ({
    delivery,
    doc,
  });
