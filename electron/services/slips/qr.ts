import QRCode from 'qrcode';

/** The progress-lookup QR code as inline SVG (no external image to load or lose). */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
}
