/** Loaded on first use: nothing needs it before WhatsApp Web shows a QR, and start-up is faster without it (issue 14). */
const loadQrCode = () => import('qrcode').then((module) => module.default ?? module);

/** The QR text WhatsApp gives (or any string) as a PNG data URL the renderer can show in an <img>. */
export async function qrToDataUrl(text: string): Promise<string> {
  const QRCode = await loadQrCode();
  return QRCode.toDataURL(text, { type: 'image/png', errorCorrectionLevel: 'L', margin: 2, width: 264 });
}

/** The QR drawn with block characters for a terminal. */
export async function qrToTerminalText(text: string): Promise<string> {
  const QRCode = await loadQrCode();
  return QRCode.toString(text, { type: 'terminal', small: true });
}
