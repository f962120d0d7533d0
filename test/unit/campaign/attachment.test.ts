import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAttachment } from '../../../src/campaign/attachment';
import { checkAttachmentFile, MAX_SIZE } from '../../../src/core/attachment-rules';
import { tmpDir } from './helpers';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('attachment rules', () => {
  it('accepts each kind by extension and content', () => {
    expect(checkAttachmentFile('a.PNG', 100, PNG)).toMatchObject({ ok: true, kind: 'image', mimeType: 'image/png' });
    expect(checkAttachmentFile('clip.mp4', 100, new Uint8Array(16))).toMatchObject({ ok: true, kind: 'video' });
    expect(checkAttachmentFile('voice.ogg', 100, new Uint8Array(16))).toMatchObject({ ok: true, kind: 'audio' });
    expect(checkAttachmentFile('menu.pdf', 100, new TextEncoder().encode('%PDF-1.7'))).toMatchObject({ ok: true, kind: 'pdf' });
    expect(checkAttachmentFile('list.xlsx', 100, new Uint8Array(16))).toMatchObject({ ok: true, kind: 'document' });
  });

  it('refuses with a message naming the file and the limit', () => {
    expect(checkAttachmentFile('tool.exe', 10, new Uint8Array(16))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^tool\.exe: "\.exe" cannot be sent/),
    });
    expect(checkAttachmentFile('big.jpg', MAX_SIZE.image + 1, Uint8Array.from([0xff, 0xd8, 0xff]))).toMatchObject({
      ok: false,
      message: 'big.jpg is 16.0 MB; WhatsApp accepts at most 16.0 MB for an image.',
    });
    expect(checkAttachmentFile('empty.pdf', 0, new Uint8Array(16))).toMatchObject({ ok: false, message: 'empty.pdf is empty.' });
    expect(checkAttachmentFile('fake.pdf', 10, PNG)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/fake\.pdf does not look like a PDF/),
    });
    expect(checkAttachmentFile('noext', 10, PNG)).toMatchObject({ ok: false, message: expect.stringMatching(/no extension/) });
  });

  it('checks real files on disk', async () => {
    const dir = await tmpDir();
    const png = path.join(dir, 'logo.png');
    await fs.writeFile(png, Buffer.concat([Buffer.from(PNG), Buffer.alloc(100)]));
    expect(await checkAttachment(png)).toMatchObject({ name: 'logo.png', size: 108, kind: 'image' });
    await expect(checkAttachment(path.join(dir, 'missing.pdf'))).rejects.toThrow(/missing\.pdf cannot be opened/);
    await expect(checkAttachment(dir, 'folder.pdf')).rejects.toThrow(/folder\.pdf/);
  });
});
