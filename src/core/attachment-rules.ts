/**
 * Which files can go out as a WhatsApp attachment, and how big. Pure: the caller supplies the name, size and the
 * first bytes. Limits follow WhatsApp's: 16 MB for photos, videos and audio, 100 MB for documents (whatsapp-web.js
 * sends media through the page as base64, so larger files are unreliable anyway).
 */
import type { AttachmentKind } from '../shared/contract/campaign';

const MB = 1024 * 1024;

export const MAX_SIZE: Record<AttachmentKind, number> = {
  image: 16 * MB,
  video: 16 * MB,
  audio: 16 * MB,
  pdf: 100 * MB,
  document: 100 * MB,
};

/** WhatsApp cuts captions at about 1024 characters. */
export const MAX_CAPTION = 1024;

const TYPES: Record<string, { kind: AttachmentKind; mimeType: string }> = {
  jpg: { kind: 'image', mimeType: 'image/jpeg' },
  jpeg: { kind: 'image', mimeType: 'image/jpeg' },
  png: { kind: 'image', mimeType: 'image/png' },
  webp: { kind: 'image', mimeType: 'image/webp' },
  mp4: { kind: 'video', mimeType: 'video/mp4' },
  '3gp': { kind: 'video', mimeType: 'video/3gpp' },
  mp3: { kind: 'audio', mimeType: 'audio/mpeg' },
  ogg: { kind: 'audio', mimeType: 'audio/ogg' },
  opus: { kind: 'audio', mimeType: 'audio/ogg' },
  m4a: { kind: 'audio', mimeType: 'audio/mp4' },
  aac: { kind: 'audio', mimeType: 'audio/aac' },
  amr: { kind: 'audio', mimeType: 'audio/amr' },
  pdf: { kind: 'pdf', mimeType: 'application/pdf' },
  doc: { kind: 'document', mimeType: 'application/msword' },
  docx: { kind: 'document', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xls: { kind: 'document', mimeType: 'application/vnd.ms-excel' },
  xlsx: { kind: 'document', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  ppt: { kind: 'document', mimeType: 'application/vnd.ms-powerpoint' },
  pptx: { kind: 'document', mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  txt: { kind: 'document', mimeType: 'text/plain' },
  csv: { kind: 'document', mimeType: 'text/csv' },
  zip: { kind: 'document', mimeType: 'application/zip' },
};

/** Magic numbers for the types where a wrong extension is common and would fail at WhatsApp's end. */
const SIGNATURES: Partial<Record<string, (head: Uint8Array) => boolean>> = {
  'image/jpeg': (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
  'image/png': (h) => h[0] === 0x89 && h[1] === 0x50 && h[2] === 0x4e && h[3] === 0x47,
  'image/webp': (h) => String.fromCharCode(...h.slice(0, 4)) === 'RIFF' && String.fromCharCode(...h.slice(8, 12)) === 'WEBP',
  'application/pdf': (h) => String.fromCharCode(...h.slice(0, 5)) === '%PDF-',
};

export type AttachmentVerdict = { ok: true; kind: AttachmentKind; mimeType: string; maxSize: number } | { ok: false; message: string };

const formatMb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;
const KIND_NAMES: Record<AttachmentKind, string> = {
  image: 'an image',
  video: 'a video',
  audio: 'an audio file',
  pdf: 'a PDF',
  document: 'a document',
};

export function checkAttachmentFile(name: string, size: number, head: Uint8Array): AttachmentVerdict {
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const type = TYPES[ext];
  if (!type) {
    return {
      ok: false,
      message: `${name}: "${ext ? `.${ext}` : 'no extension'}" cannot be sent; use an image (jpg, png, webp), video (mp4, 3gp), audio (mp3, ogg, m4a, aac, amr), PDF or document (${['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'txt', 'csv', 'zip'].join(', ')}).`,
    };
  }
  if (size === 0) return { ok: false, message: `${name} is empty.` };
  const maxSize = MAX_SIZE[type.kind];
  if (size > maxSize) {
    return { ok: false, message: `${name} is ${formatMb(size)}; WhatsApp accepts at most ${formatMb(maxSize)} for ${KIND_NAMES[type.kind]}.` };
  }
  const signature = SIGNATURES[type.mimeType];
  if (signature && !signature(head)) {
    return { ok: false, message: `${name} does not look like a ${ext.toUpperCase()} file inside; save it again in that format.` };
  }
  return { ok: true, kind: type.kind, mimeType: type.mimeType, maxSize };
}
