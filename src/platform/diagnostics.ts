import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { z } from 'zod';
import type { WaStatus } from '../shared/status';
import { redactLogText } from './log-redaction';

/** What a support request needs, gathered by the composition root. */
export interface DiagnosticsInput {
  appVersion: string;
  host: 'electron' | 'browser-host';
  demo: boolean;
  /** process.versions: electron and chrome only in the desktop app. */
  versions: Partial<Record<'electron' | 'chrome' | 'node', string>>;
  os: { type: string; release: string; arch: string; platform: string };
  /** whatsapp-web.js as installed, or null when it could not be read. */
  libraryVersion: string | null;
  status: WaStatus;
  /** Why the log file could not be written lately, or null. */
  logProblem: string | null;
  /** The last lines of the log file (already redacted on the way to disk). */
  logLines: string[];
}

/** The last this many log lines go into the diagnostics. */
export const DIAGNOSTIC_LOG_LINES = 200;

export function currentOs(): DiagnosticsInput['os'] {
  return { type: os.type(), release: os.release(), arch: os.arch(), platform: process.platform };
}

const PackageVersion = z.looseObject({ version: z.string().max(100) });

/** An installed package's version, read from its package.json; null when it cannot be read. */
export function installedVersion(name: string): string | null {
  try {
    const file = createRequire(__filename).resolve(`${name}/package.json`);
    return PackageVersion.safeParse(JSON.parse(readFileSync(file, 'utf8'))).data?.version ?? null;
  } catch {
    return null;
  }
}

/** The connection in a few words; never the QR, the account's number or a name. */
export function describeStatus(status: WaStatus): string {
  switch (status.kind) {
    case 'starting':
      return `starting${status.percent === null ? '' : ` (${status.percent} %)`}: ${status.message}`;
    case 'auth_failure':
    case 'error':
      return `${status.kind}: ${status.message}`;
    case 'disconnected':
      return `disconnected: ${status.reason}`;
    default:
      return status.kind;
  }
}

/**
 * The diagnostics text the operator copies into a support request. Every line passes the log redaction again, so
 * nothing in it identifies a contact or the account even if a line reached the file before redaction existed.
 */
export function diagnosticsText(input: DiagnosticsInput): string {
  const { versions } = input;
  const runtime = versions.electron
    ? `Electron ${versions.electron}, Chromium ${versions.chrome ?? '?'}, Node ${versions.node ?? '?'}`
    : `Node ${versions.node ?? '?'} (browser host, no Electron)`;
  const lines = [
    `WA Bulk Sender ${input.appVersion} (${input.host === 'electron' ? 'desktop app' : 'browser host'}${input.demo ? ', demo' : ''})`,
    `OS: ${input.os.type} ${input.os.release} ${input.os.arch} (${input.os.platform})`,
    runtime,
    `whatsapp-web.js ${input.libraryVersion ?? 'unknown'}`,
    `WhatsApp: ${describeStatus(input.status)}`,
    ...(input.logProblem ? [`Log file not written: ${input.logProblem}`] : []),
    '',
    `Last ${input.logLines.length} log lines:`,
    ...input.logLines,
  ];
  return lines.map(redactLogText).join('\n');
}
