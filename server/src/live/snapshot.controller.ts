import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { parseQuery } from '../common/parse-body';
import { snapshotQuerySchema } from '../contracts/watch-request';
import { FeedService } from './feed.service';
import { pickEncoding, SnapshotBodies } from './snapshot-body';

/**
 * The live feed's snapshot over HTTP (public, no login): the same object a `watch` answers with,
 * compressed. A phone's first board of a 300-entry event is about 90 KB of JSON and a tenth of
 * that compressed; the feed's socket sends nothing compressed (see live.gateway.ts), so the phone
 * reads this first and then watches with `since` for what follows.
 */
@Controller('api/contests/:code')
export class SnapshotController {
  private readonly bodies = new SnapshotBodies();

  constructor(private readonly feed: FeedService) {}

  @Get('snapshot')
  async snapshot(@Param('code') code: string, @Query() query: unknown, @Headers('accept-encoding') accept: string | undefined, @Res() res: Response) {
    const { events } = parseQuery(snapshotQuerySchema.strict(), query);
    const snapshot = await this.feed.snapshotFor(code, events);
    const encoding = pickEncoding(accept);
    const body = await this.bodies.body(snapshot, encoding);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Vary', 'Accept-Encoding');
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
    res.end(body);
  }
}
