import fs from 'node:fs';
import path from 'node:path';
import type { AppPaths } from '../platform/app-paths';
import type { Clock } from '../platform/clock';
import type { SettingsStore } from '../platform/settings-store';
import type { WhatsAppPort } from '../whatsapp/port';
import type { DemoOptions } from './demo-options';
import { RejectingSimulatedWhatsApp } from '../whatsapp/simulated-reject';
import { parseReplyScript, SimulatedReplies } from '../whatsapp/simulated-replies';
import { WwebjsWhatsApp } from '../whatsapp/wwebjs';

export interface WhatsAppChoice {
  demo: boolean;
  paths: AppPaths;
  clock: Clock;
  settings: SettingsStore;
  /** How the simulated WhatsApp behaves (demo mode only). */
  demoOptions?: DemoOptions;
}

/** The real whatsapp-web.js adapter, or the simulated WhatsApp in demo mode. */
export function createWhatsAppPort(choice: WhatsAppChoice): WhatsAppPort & { simulateScan?: () => Promise<void> } {
  const { paths, clock } = choice;
  if (choice.demo) {
    const port = new RejectingSimulatedWhatsApp(
      {
        sessionDir: paths.sessionDir,
        clock,
        autoScanAfterMs: choice.demoOptions?.autoScanMs ?? null,
        failAuth: choice.demoOptions?.failAuth ?? false,
        disconnectAfterMs: choice.demoOptions?.disconnectAfterMs ?? null,
        offlineAfterMs: choice.demoOptions?.offlineAfterMs ?? null,
        // The demo's "WhatsApp servers": what it accepted, kept beside the demo data so a demo campaign can resume.
        outboxFile: path.join(paths.userData, 'demo-outbox.jsonl'),
        sendLatencyMs: 250,
        ackDelaysMs: { delivered: 1500, read: 5000 },
      },
      rejectNumbers(choice.demoOptions?.rejectFile),
    );
    // Scripted replies (--demo-replies FILE): a script that cannot be read stops the start, naming the file and line.
    const replies = choice.demoOptions?.repliesFile;
    if (replies) new SimulatedReplies(port, clock, parseReplyScript(fs.readFileSync(replies, 'utf8'), replies), 2);
    return port;
  }
  return new WwebjsWhatsApp({
    paths,
    clock,
    browserPath: () => choice.settings.get().browserPath,
  });
}

/** The numbers of a `--simulate-reject` file (digits of each line); a file that cannot be read stops the start, naming it. */
function rejectNumbers(file: string | null | undefined): string[] {
  if (!file) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => (line.split(/[,;\t]/)[0] ?? '').replace(/\D/g, ''))
    .filter((digits) => digits.length > 0);
}
