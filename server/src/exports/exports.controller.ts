import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Caller, Requires } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { ImporterService } from '../importer/importer.service';
import { StationDrawService } from '../contests/station-draw.service';
import { AuditService } from '../audit/audit.service';
import { ContestLookup } from '../contests/contest-lookup';
import { ExportsService, type ExportFile } from './exports.service';

function send(res: Response, f: ExportFile): void {
  const ascii = f.filename.replace(/[^\x20-\x7e]/g, '_');
  res.setHeader('Content-Type', f.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.filename)}`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(f.body);
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

  /** `?origin=https://score.example` sets the address in the QR codes; by default the address this request came to. */
  @Get('judge-cards.pdf')
  async cards(@Param('code') code: string, @Query('origin') origin: string | undefined, @Req() req: Request, @Res() res: Response) {
    const base = origin && /^https?:\/\/[^\s]+$/.test(origin) ? origin.replace(/\/$/, '') : `${req.protocol}://${req.get('host')}`;
    send(res, await this.exports.judgeCards(code, base));
  }

  @Post('import')
  @HttpCode(200)
  import(@Param('code') code: string, @Query('dryRun') dryRun: string | undefined, @Req() req: Request, @Caller() who: Principal) {
    return this.importer.run(code, req.body, req.get('content-type') ?? '', dryRun === '1' || dryRun === 'true', who);
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

  @Get('audit')
  async trail(@Param('code') code: string, @Query('event') event?: string, @Query('station') station?: string, @Query('judge') judge?: string) {
    const contest = await this.lookup.contest(code);
    return this.audit.list(contest.id, { event, station, judge });
  }
}
