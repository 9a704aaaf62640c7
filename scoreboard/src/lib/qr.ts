import { create } from 'qrcode';

export interface QrPath {
  /** modules per side, quiet zone included */
  size: number;
  /** one SVG path drawing every dark module */
  d: string;
}

/** A QR code as a single SVG path, so it stays sharp at any projector scale. */
export function qrPath(text: string, margin = 2): QrPath {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      // One rectangle per horizontal run keeps the path short.
      const from = x;
      while (x < n && modules.get(y, x)) x++;
      d += `M${from + margin} ${y + margin}h${x - from}v1h${from - x}z`;
    }
  }
  return { size: n + margin * 2, d };
}
