import type { DeviceReport } from '@skillscore/server/contracts';
import { ApiError, parseRetryAfter, readErrorBody, type Http } from '../api/http';

/** POST /api/devices/report with the signed-in judge's token. */
export class FleetApi {
  constructor(
    private readonly http: Http,
    private readonly token: () => string | null,
  ) {}

  /** false when no judge is signed in (nothing was sent) */
  async report(body: DeviceReport): Promise<boolean> {
    const token = this.token();
    if (!token) return false;
    const { res } = await this.http.raw('POST', '/api/devices/report', { body, token });
    if (!res.ok) throw new ApiError('http', res.status, await readErrorBody(res), parseRetryAfter(res.headers.get('Retry-After')));
    return true;
  }
}

