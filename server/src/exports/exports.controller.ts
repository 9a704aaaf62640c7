import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { create as contentDisposition } from 'content-disposition';
import { Readable, pipeline } from 'node:stream';
import { Caller, Requires } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { ImporterService } from '../importer/importer.service';
import { StationDrawService } from '../contests/station-draw.service';
import { AuditService } from '../audit/audit.service';
import { ContestLookup } from '../contests/contest-lookup';
import { parseQuery } from '../common/parse-body';
import { judgeCardsQuerySchema } from '../contracts/contests';
import { PublicAddress } from '../config/public-address';
import { ExportsService, type ExportFile } from './exports.service';
import { FeedbackService } from './feedback.service';

function send(res: Response, f: ExportFile): void {
  res.setHeader('Content-Type', f.contentType);
  // the package quotes and escapes the name (RFC 6266/8187); older browsers read the ASCII fallback
  res.setHeader('Content-Disposition', contentDisposition(f.filename, { type: 'attachment', fallback: f.filename.replace(/[^\x20-\x7e]/g, '_') }));
  res.setHeader('Cache-Control', 'no-store');
  // a streamed file that fails midway ends the response early: the download is visibly incomplete
  if (f.body instanceof Readable) pipeline(f.body, res, () => undefined);
  else res.send(f.body);
}

/** Organizer files: exports, judge cards, spreadsheet import, station draw, and the audit trail. */
@Controller('api/contests/:code')
@Requires('organizer')
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly audit: AuditService,
    private readonly lookup: ContestLookup,
    private readonly importer: ImporterService,
    private readonly draws: StationDrawService,
    private readonly address: PublicAddress,
    private readonly feedback: FeedbackService,
  ) {}

  @Get('export.xlsx')
  async xlsx(@Param('code') code: string, @Res() res: Response) {
    send(res, await this.exports.xlsx(code));
  }

  @Get('events/:event/results.csv')
  async csv(@Param('code') code: string, @Param('event') event: string, @Res() res: Response) {
    send(res, await this.exports.csv(code, event));
  }

  @Get('events/:event/results.pdf')
  async pdf(@Param('code') code: string, @Param('event') event: string, @Res() res: Response) {
    send(res, await this.exports.pdf(code, event));
  }

  /** One page per contestant once the event is final; `?organization=` for one organization's team leader. */
  @Get('events/:event/feedback.pdf')
  async feedbackSheets(@Param('code') code: string, @Param('event') event: string, @Query() query: unknown, @Res() res: Response) {
    send(res, await this.feedback.pdf(code, event, query));
  }

  /** `?origin=https://score.example` sets the address in the QR codes; by default PUBLIC_URL or the LAN address, never loopback when there is another. */
  @Get('judge-cards.pdf')
  async cards(@Param('code') code: string, @Query() query: unknown, @Req() req: Request, @Res() res: Response, @Caller() who: Principal) {
    const { origin } = parseQuery(judgeCardsQuerySchema, query);
    const base = origin ? origin.replace(/\/$/, '') : this.address.baseFor(`${req.protocol}://${req.get('host')}`);
    send(res, await this.exports.judgeCards(code, base, who));
  }

  @Post('import')
  @HttpCode(200)
  import(@Param('code') code: string, @Query() query: unknown, @Req() req: Request, @Caller() who: Principal) {
    return this.importer.run(code, req.body, req.get('content-type') ?? '', query, who);
  }

  @Post('events/:event/draw')
  @HttpCode(200)
  draw(@Param('code') code: string, @Param('event') event: string, @Body() body: unknown, @Caller() who: Principal) {
    return this.draws.draw(code, event, body, who);
  }

  @Get('events/:event/results.html')
  async html(@Param('code') code: string, @Param('event') event: string, @Res() res: Response) {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.send(await this.exports.html(code, event));
  }

  /** The trail newest first, a page at a time; the next page's address is in the `Link` header (rel="next"). */
  @Get('audit')
  async trail(@Param('code') code: string, @Query() query: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const contest = await this.lookup.contest(code);
    const page = await this.audit.page(contest.id, query);
    if (page.next) {
      const next = new URLSearchParams(Object.entries(page.next).map(([k, v]) => [k, String(v)]));
      res.setHeader('Link', `<${req.originalUrl.split('?')[0]}?${next}>; rel="next"`);
    }
    return page.records;
  }
}
