import { describe, expect, it } from 'vitest';
import { emptyDraft, isBlank, saveKey, toSave } from '../../../../renderer/features/message/draft-model';
import { DEFAULT_PACING } from '../../../../src/core/pacing';
import { DraftSave } from '../../../../src/shared/contract/draft';

describe('the draft as it is saved', () => {
  it('keeps the last valid pacing while the form holds a half-typed one, so the kept draft always loads into a form that can start', () => {
    const draft = { ...emptyDraft(), template: 'Hi {{name}}', pacing: { ...DEFAULT_PACING, minDelaySec: NaN } };
    const saved = toSave(draft, DEFAULT_PACING);
    expect(saved.pacing).toEqual(DEFAULT_PACING);
    expect(DraftSave.safeParse(saved).success).toBe(true);
    const inverted = toSave({ ...draft, pacing: { ...DEFAULT_PACING, minDelaySec: 90, maxDelaySec: 30 } }, null);
    expect(inverted.pacing).toBeNull();
    expect(toSave({ ...draft, pacing: { ...DEFAULT_PACING, minDelaySec: 40 } }, DEFAULT_PACING).pacing?.minDelaySec).toBe(40);
  });

  it('a new draft id alone is no reason to save; a changed text is', () => {
    const draft = { ...emptyDraft(), template: 'Hi' };
    const key = saveKey(toSave(draft, null));
    expect(saveKey(toSave({ ...draft, draftId: 'another-id' }, null))).toBe(key);
    expect(saveKey(toSave({ ...draft, template: 'Hi!' }, null))).not.toBe(key);
  });

  it('a draft with nothing typed or chosen is blank (no Discard offered)', () => {
    expect(isBlank(emptyDraft())).toBe(true);
    expect(isBlank({ ...emptyDraft(), pacing: DEFAULT_PACING })).toBe(true);
    expect(isBlank({ ...emptyDraft(), campaignName: 'May' })).toBe(false);
    expect(isBlank({ ...emptyDraft(), attachmentFileId: 'f_abcdef' })).toBe(false);
  });
});
