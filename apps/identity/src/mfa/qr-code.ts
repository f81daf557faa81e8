import { toBuffer } from 'qrcode';

/** A QR code of `text` as a PNG image (error correction M, 4-module quiet zone, 6 pixels per module). */
export async function qrCodePng(text: string): Promise<Buffer> {
  return toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 6 });
}
