import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppealClock } from './appeals/appeal-clock';
import { AppealStateController } from './appeals/appeal-state.controller';
import { AppealsController } from './appeals/appeals.controller';
import { AppealsRepository } from './appeals/appeals.repository';
import { AppealsService } from './appeals/appeals.service';
import { AuditController } from './audit/audit.controller';
import { ApiDocsController } from './openapi/api-docs.controller';
import { AuditService } from './audit/audit.service';
import { AuditVerifyService } from './audit/audit-verify.service';
import { RecheckController } from './audit/recheck.controller';
import { RecheckService } from './audit/recheck.service';
import { BoardController } from './board/board.controller';
import { BoardService } from './board/board.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { LoginAudit } from './auth/login-audit';
import { LoginThrottle } from './auth/login-throttle';
import { OrganizerPassword } from './auth/organizer-password';
import { ServerKey } from './auth/server-key';
import { SessionController } from './auth/session.controller';
import { SessionsService } from './auth/sessions.service';
import { ChiefDeskService } from './chief/chief-desk.service';
import { ChiefController } from './chief/chief.controller';
import { ChiefService } from './chief/chief.service';
import { HttpErrorFilter } from './common/http-error.filter';
import { RequestInputInterceptor } from './common/request-input.interceptor';
import { AppConfig } from './config/config';
import { ContestLookup } from './contests/contest-lookup';
import { ContestsController } from './contests/contests.controller';
import { ContestsService } from './contests/contests.service';
import { dataSourceOptions } from './database/data-source-options';
import { ENTITIES } from './database/entities';
import { Transactor } from './database/transactor';
import { DemoSeeder } from './demo/demo.seeder';
import { ExportsController } from './exports/exports.controller';
import { ExportsService } from './exports/exports.service';
import { FeedbackService } from './exports/feedback.service';
import { SheetRemarksRepository } from './exports/sheet-remarks.repository';
import { FeedService } from './live/feed.service';
import { PublicFeed } from './common/public-feed';
import { ImporterService } from './importer/importer.service';
import { SchemeCache } from './contests/scheme-cache';
import { StationDrawService } from './contests/station-draw.service';
import { FeedLogRepository } from './live/feed-log.repository';
import { FeedStateRepository } from './standings/feed-state.repository';
import { LiveGateway } from './live/live.gateway';
import { SnapshotController } from './live/snapshot.controller';
import { StaffGateway } from './live/staff.gateway';
import { FleetController } from './fleet/fleet.controller';
import { FleetRosterRepository } from './fleet/fleet-roster.repository';
import { FleetService } from './fleet/fleet.service';
import { HealthModule } from './health/health.module';
import { PublicAddress } from './config/public-address';
import { ServerInfoController } from './config/server-info.controller';
import { SheetsController } from './sheets/sheets.controller';
import { SheetStoreRepository } from './sheets/sheet-store.repository';
import { SheetPutThrottle } from './sheets/sheet-put-throttle';
import { SheetsService } from './sheets/sheets.service';
import { EventInputsRepository } from './standings/event-inputs.repository';
import { StandingsController } from './standings/standings.controller';
import { StandingsService } from './standings/standings.service';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config.database)),
        TypeOrmModule.forFeature(ENTITIES),
        EventEmitterModule.forRoot(),
        HealthModule.forConfig(config),
      ],
      controllers: [ServerInfoController, AuthController, SessionController, ContestsController, SheetsController, ChiefController, StandingsController, BoardController, ExportsController, AuditController, SnapshotController, AppealsController, AppealStateController, RecheckController, ApiDocsController, FleetController],
      providers: [
        { provide: AppConfig, useValue: config },
        PublicAddress,
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: RequestInputInterceptor },
        { provide: APP_GUARD, useClass: AuthGuard },
        Transactor,
        ServerKey,
        LoginThrottle,
        LoginAudit,
        OrganizerPassword,
        AuthService,
        SessionsService,
        AuditService,
        AuditVerifyService,
        RecheckService,
        ContestLookup,
        ContestsService,
        SchemeCache,
        SheetStoreRepository,
        SheetPutThrottle,
        SheetsService,
        ChiefService,
        ChiefDeskService,
        EventInputsRepository,
        StandingsService,
        FeedStateRepository,
        FeedLogRepository,
        FeedService,
        { provide: PublicFeed, useExisting: FeedService },
        BoardService,
        ExportsService,
        SheetRemarksRepository,
        FeedbackService,
        ImporterService,
        StationDrawService,
        LiveGateway,
        StaffGateway,
        FleetRosterRepository,
        FleetService,
        DemoSeeder,
        AppealClock,
        AppealsRepository,
        AppealsService,
      ],
    };
  }
}
