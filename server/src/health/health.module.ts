import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig } from '../config/config';
import { HealthController } from './health.controller';
import { Readiness } from './readiness';

@Module({})
export class HealthModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: HealthModule,
      // a failing check is the probe's answer (503 naming it), not an error for the log
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [{ provide: AppConfig, useValue: config }, Readiness],
    };
  }
}
