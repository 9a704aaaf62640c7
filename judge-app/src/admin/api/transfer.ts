import { ApiError, parseRetryAfter } from '../../lib/api/http';
import type { ErrorBody } from '@skillscore/server/contracts';

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** The file name the server gave (RFC 5987 `filename*` first), else the fallback. */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

function errorBodyOf(status: number, text: string): ErrorBody {
  try {
    const p = JSON.parse(text) as Partial<ErrorBody>;
    return { statusCode: p.statusCode ?? status, error: p.error ?? '', message: typeof p.message === 'string' ? p.message : '', ...(p.problems ? { problems: p.problems } : {}) };
  } catch {
    return { statusCode: status, error: '', message: '' };
  }
}

/** A file the organizer downloads (exports, judge cards): these need the Bearer header, so no plain link. */
export async function fetchFile(path: string, token: string | null, fallbackName: string, timeoutMs = 120_000): Promise<DownloadedFile> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    let res: Response;
    try {
      res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, cache: 'no-store', signal: ctrl.signal });
    } catch {
      throw new ApiError(ctrl.signal.aborted ? 'timeout' : 'network', 0, null);
    }
    if (!res.ok) throw new ApiError('http', res.status, errorBodyOf(res.status, await res.text()), parseRetryAfter(res.headers.get('Retry-After')));
    return { blob: await res.blob(), filename: filenameOf(res.headers.get('Content-Disposition'), fallbackName) };
  } finally {
    clearTimeout(timer);
  }
}

export interface UploadProgress {
  /** bytes sent so far */
  sent: number;
  total: number;
}

/**
 * Sends a raw file body. XMLHttpRequest, unlike fetch, reports upload progress — a spreadsheet
 * of a few thousand rows takes a while on venue Wi-Fi.
 */
export function uploadFile<T>(path: string, body: Blob, contentType: string, token: string | null, onProgress: (p: UploadProgress) => void, timeoutMs = 300_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.timeout = timeoutMs;
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => onProgress({ sent: e.loaded, total: e.lengthComputable ? e.total : body.size });
    xhr.onerror = () => reject(new ApiError('network', 0, null));
    xhr.ontimeout = () => reject(new ApiError('timeout', 0, null));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError('http', xhr.status, { statusCode: xhr.status, error: 'Bad response', message: 'the answer was not JSON' }));
        }
      } else reject(new ApiError('http', xhr.status, errorBodyOf(xhr.status, xhr.responseText), parseRetryAfter(xhr.getResponseHeader('Retry-After'))));
    };
    xhr.send(body);
  });
}

/** Hands a downloaded file to the browser's download. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A tab opened while the click still counts as the user's (browsers block pop-ups opened later),
 * filled once the file arrives.
 */
export function openPendingTab(): { show(file: DownloadedFile): void; close(): void } {
  const tab = window.open('', '_blank');
  return {
    show(file) {
      const url = URL.createObjectURL(file.blob);
      if (tab && !tab.closed) tab.location.href = url;
      else window.open(url, '_blank');
      setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
    },
    close() {
      tab?.close();
    },
  };
}
