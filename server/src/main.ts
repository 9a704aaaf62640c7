import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { OrganizerPassword } from './auth/organizer-password';
import { AppConfig, ConfigError } from './config/config';
import { DemoSeeder } from './demo/demo.seeder';
import { FeedService } from './live/feed.service';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = new AppConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const app = await createApp(config);
  const seeded = config.demo !== '0' ? await app.get(DemoSeeder).seedIfEmpty() : null;
  await app.listen(config.port, config.host);
  await app.get(FeedService).reconcileAll();
  if (config.demo === 'live') app.get(DemoSeeder).startLiveJudges();

  const base = `http://localhost:${config.port}`;
  const password = app.get(OrganizerPassword).generated;
  const lines = [
    '',
    'SkillScore is running.',
    `  Scoreboard (projector):  ${base}/board/${seeded ? `?contest=${seeded.code}` : ''}`,
    `  Scoreboard (phones):     ${base}/board/${seeded ? `?contest=${seeded.code}&view=phone` : ''}`,
    `  Judge tablets:           ${base}/judge/${seeded ? `?contest=${seeded.code}` : ''}`,
    `  Organizer console:       ${base}/judge/admin.html`,
    `  API:                     ${base}/api/  (docs/api.md)`,
    password
      ? `  Organizer password:      ${password}   (generated now and shown only once; set ORGANIZER_PASSWORD to choose one)`
      : `  Organizer password:      ${config.organizerPassword ? 'from ORGANIZER_PASSWORD' : 'as generated on the first start'}`,
  ];
  if (seeded) lines.push(`  Demo contest ${seeded.code}: judges' PINs are in ${seeded.pinsFile}`);
  lines.push('');
  new Logger('start').log(lines.join('\n'));
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
