import { existsSync } from 'node:fs';
import { DomainError, ErrorCode } from '../common/domain-error';

export interface CjkFont {
  path: string;
  /** face inside a collection (.ttc), or undefined for a single font file */
  family?: string;
}

/** Fonts Debian ships that cover Chinese, in order of preference. */
const CANDIDATES: CjkFont[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/truetype/arphic/uming.ttc', family: 'AR-PL-UMing-CN' },
  { path: '/System/Library/Fonts/PingFang.ttc', family: 'PingFangSC-Regular' },
  { path: 'C:\\Windows\\Fonts\\msyh.ttc', family: 'MicrosoftYaHei' },
];

let found: CjkFont | null | undefined;

/** PDF_FONT (a .ttf/.otf, or a .ttc with PDF_FONT_FAMILY), else the first system CJK font found. */
export function cjkFont(): CjkFont {
  if (found === undefined) {
    const env = process.env.PDF_FONT;
    found = env ? { path: env, family: process.env.PDF_FONT_FAMILY } : (CANDIDATES.find((c) => existsSync(c.path)) ?? null);
  }
  if (!found || !existsSync(found.path)) {
    throw new DomainError(
      ErrorCode.Unavailable,
      'no Chinese font for PDF files on this server: install one (Debian: apt-get install fonts-wqy-microhei) or set PDF_FONT to a .ttf/.ttc file',
    );
  }
  return found;
}
