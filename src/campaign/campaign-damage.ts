/**
 * A campaign folder that could not be loaded: where and why, in the operator's words, and how History lists it.
 */
import { DEFAULT_PACING } from '../core/pacing';
import type { CampaignDamage, CampaignSummary } from '../shared/contract/campaign';
import { AppFailure, errorMessage } from '../shared/result';
import { CampaignFilesError, readMeta, type CampaignMeta } from './campaign-files';
import { JournalCorruptError } from './journal';

/** A campaign folder that could not be loaded: listed with where and why, never sent from. */
export interface DamagedCampaign {
  id: string;
  dir: string;
  /** What campaign.json says, when it could be read. */
  meta: CampaignMeta | null;
  damage: CampaignDamage;
  message: string;
}

/** Thrown for a damaged campaign asked for by id, or when the newest unfinished campaign may be a damaged one. */
export class CampaignDamagedError extends AppFailure {
  constructor(readonly damaged: readonly DamagedCampaign[]) {
    super('conflict', damaged.map((d) => d.message).join('\n'));
    this.name = 'CampaignDamagedError';
  }
}

/** Where and why a campaign folder could not be loaded, in the operator's words. */
export async function describeDamage(id: string, dir: string, err: unknown): Promise<DamagedCampaign> {
  const meta = await readMeta(dir).catch(() => null);
  let damage: CampaignDamage;
  if (err instanceof JournalCorruptError) damage = { file: err.file, line: err.line, cause: err.detail };
  else if (err instanceof CampaignFilesError) damage = { file: err.file, line: err.line, cause: err.detail };
  else {
    const file = (err as { file?: unknown }).file ?? (err as NodeJS.ErrnoException).path;
    damage = { file: typeof file === 'string' ? file : dir, line: null, cause: errorMessage(err).replace(/\.$/, '') };
  }
  const where = damage.line === null ? damage.file : `${damage.file}, line ${damage.line}`;
  const name = meta ? `"${meta.name}" (${id})` : id;
  return {
    id,
    dir,
    meta,
    damage,
    message: `Campaign ${name} cannot be loaded: ${where}: ${damage.cause}. Nothing is sent from it until that file is repaired.`,
  };
}

/** A campaign that cannot be loaded, as History lists it: stopped, not resumable, with its damage. */
export function damagedSummary(d: DamagedCampaign): CampaignSummary {
  const total = d.meta?.total ?? 0;
  const stamp = /^c_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_/.exec(d.id);
  const fromId = stamp ? Date.UTC(+stamp[1]!, +stamp[2]! - 1, +stamp[3]!, +stamp[4]!, +stamp[5]!, +stamp[6]!) : 0;
  return {
    id: d.id,
    name: d.meta?.name ?? d.id,
    createdAt: d.meta?.createdAt ?? fromId,
    state: 'stopped',
    reason: d.message,
    counts: { total, pending: 0, sent: 0, delivered: 0, read: 0, failed: 0, skipped: 0, rejected: 0, unconfirmed: 0 },
    etaMs: null,
    nextSendAt: null,
    template: d.meta?.template ?? '',
    attachment: d.meta?.attachment ? { name: d.meta.attachment.name, size: d.meta.attachment.size, kind: d.meta.attachment.kind } : null,
    pacing: d.meta?.pacing ?? DEFAULT_PACING,
    resumable: false,
    damage: d.damage,
  };
}
