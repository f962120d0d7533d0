/**
 * Scripted replies for the simulated WhatsApp (the demo, `wa-bulk --simulate-replies FILE`, tests): a file of JSON
 * lines `{"from": "+971501234567", "body": "STOP", "afterMs": 0}`, each meaning "this contact writes this, afterMs
 * after our message to them is delivered" (or, when the simulation gives no delivery receipts, after it is sent).
 * Each line is used once per run.
 */
import fsp from 'node:fs/promises';
import { z } from 'zod';
import type { Clock } from '../platform/clock';
import { describeZodIssue } from '../shared/stored-data';
import type { AckEvent, IncomingMessage } from './port';

export interface ScriptedReply {
  /** Digits only. */
  from: string;
  body: string;
  afterMs: number;
}

const Line = z
  .object({
    from: z.string().regex(/^\+?[\d\s()-]{6,24}$/, 'expected a phone number such as "+971501234567"'),
    body: z.string(),
    afterMs: z.number().int().min(0).default(0),
  })
  .strict();

/** The problem with a reply script, naming the file and the line. */
export class ReplyScriptError extends Error {}

/** Parses a reply script (JSON lines; blank lines skipped). */
export function parseReplyScript(text: string, file: string): ScriptedReply[] {
  const replies: ScriptedReply[] = [];
  text.split(/\r?\n/).forEach((raw, n) => {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ReplyScriptError(`${file}: line ${n + 1}: not JSON: ${raw.slice(0, 80)}`);
    }
    const parsed = Line.safeParse(value);
    if (!parsed.success) {
      const { field, problem } = describeZodIssue(parsed.error);
      throw new ReplyScriptError(`${file}: line ${n + 1}: ${field ? `field ${field}: ` : ''}${problem}`);
    }
    replies.push({ from: parsed.data.from.replace(/\D/g, ''), body: parsed.data.body, afterMs: parsed.data.afterMs });
  });
  return replies;
}

export async function readReplyScript(file: string): Promise<ScriptedReply[]> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    throw new ReplyScriptError(`${file}: ${(err as Error).message}`);
  }
  return parseReplyScript(text, file);
}

/** What the scripted replies need of the simulated WhatsApp. */
export interface ReplyingPort {
  onAck(listener: (ack: AckEvent) => void): () => void;
  receive(message: IncomingMessage): void;
}

/**
 * Plays a reply script over a simulated WhatsApp: when our message to a scripted number reaches `trigger` (2:
 * delivered; 1: sent, for a simulation without delivery receipts), its replies follow, each afterMs later.
 */
export class SimulatedReplies {
  private readonly waiting = new Map<string, ScriptedReply[]>();
  private readonly stop = new AbortController();
  private readonly unsubscribe: () => void;
  private seq = 0;
  private readonly due = new Set<Promise<void>>();

  constructor(
    private readonly port: ReplyingPort,
    private readonly clock: Clock,
    script: readonly ScriptedReply[],
    private readonly trigger: 1 | 2 = 2,
  ) {
    for (const reply of script) this.waiting.set(reply.from, [...(this.waiting.get(reply.from) ?? []), reply]);
    this.unsubscribe = port.onAck((ack) => this.onAck(ack));
  }

  /** Scripted replies not sent yet. */
  get pending(): number {
    return [...this.waiting.values()].reduce((n, list) => n + list.length, 0);
  }

  /** Resolves once every reply already triggered has been written (replies of contacts not messaged are not waited for). */
  async settled(): Promise<void> {
    while (this.due.size > 0) await Promise.all([...this.due]);
  }

  close(): void {
    this.unsubscribe();
    this.stop.abort();
  }

  private onAck(ack: AckEvent): void {
    if (ack.ack < this.trigger) return;
    // Simulated ids are `true_<digits>@c.us_SIM…`.
    const chat = /^true_([^_]+)_/.exec(ack.messageId)?.[1];
    const digits = chat?.split('@')[0];
    const replies = digits ? this.waiting.get(digits) : undefined;
    if (!chat || !digits || !replies) return;
    this.waiting.delete(digits);
    for (const reply of replies) {
      const due = this.clock.sleep(reply.afterMs, this.stop.signal).then(
        () => this.port.receive({ from: chat, fromNumber: digits, body: reply.body, at: this.clock.now(), id: `false_${chat}_SIMIN${++this.seq}` }),
        () => undefined,
      );
      this.due.add(due);
      void due.then(() => this.due.delete(due));
    }
  }
}
