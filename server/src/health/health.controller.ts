import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Response } from 'express';
import { Readiness } from './readiness';

/**
 * Probes for a process manager or load balancer. /api/health: the process is alive and answering
 * (no dependency is touched, so a slow database never gets a healthy process restarted).
 * /api/ready: it can serve — database reachable, every migration applied, Redis reachable when
 * REDIS_URL is set — else 503 with the failing check named. Both answer in terminus's shape.
 */
@Controller('api')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: Readiness,
  ) {}

  @Get('health')
  @HealthCheck()
  alive() {
    return this.health.check([() => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) })]);
  }

  @Get('ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) res: Response) {
    const r = this.readiness;
    try {
      return await this.health.check([r.database(), r.migrations(), ...(r.usesRedis ? [r.redisCheck()] : [])]);
    } catch (e) {
      // the probe's answer is terminus's report itself, which the API's error shape would hide
      if (!(e instanceof ServiceUnavailableException)) throw e;
      const report = e.getResponse() as { error?: Record<string, { message?: string }> };
      const failing = Object.entries(report.error ?? {}).map(([key, v]) => (v.message ? `${key} (${v.message})` : key));
      res.status(503);
      return { statusCode: 503, message: `not ready: ${failing.join('; ')}`, ...report };
    }
  }
}
