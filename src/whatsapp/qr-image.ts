import QRCode from 'qrcode';

/** The QR text WhatsApp gives (or any string) as a PNG data URL the renderer can show in an <img>. */
export function qrToDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { type: 'image/png', errorCorrectionLevel: 'L', margin: 2, width: 264 });
}
