import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.factory';
import { OrganizerPassword } from './auth/organizer-password';
import { AppConfig, ConfigError } from './config/config';
import { PublicAddress } from './config/public-address';
import { DemoSeeder } from './demo/demo.seeder';
import { GracefulShutdown } from './lifecycle/graceful-shutdown';
import { FeedService } from './live/feed.service';

async function main(): Promise<void> {
  const config = new AppConfig(process.env);
  const app = await createApp(config);
  // before listen: socket.io then wraps this listener and keeps its long-polls out of the count
  new GracefulShutdown(app, new Logger('shutdown')).listen();
  const seeded = config.demo !== '0' ? await app.get(DemoSeeder).seedIfEmpty() : null;
  await app.listen(config.port, config.host);
  await app.get(FeedService).reconcileAll();
  if (config.demo === 'live') app.get(DemoSeeder).startLiveJudges();

  // the port actually bound, which PORT=0 leaves to the system
  const { port } = app.getHttpServer().address() as AddressInfo;
  const protocol = config.tls ? 'https' : 'http';
  // phones and tablets need an address they can reach: the LAN (or PUBLIC_URL) first, loopback last
  const reachable = app.get(PublicAddress).info().addresses;
  const base = reachable[0] ?? `${protocol}://localhost:${port}`;
  const organizer = app.get(OrganizerPassword);
  // A generated password is shown only to a person at a terminal. Output that goes anywhere
  // else (a service's journal, a container log, a file) must not hold it: it goes to a file
  // only the server's user can read, and the log says where.
  const showHere = organizer.generated !== null && process.stdout.isTTY === true && config.logLevel !== 'silent';
  const passwordFile = organizer.generated !== null && !showHere ? organizer.writeFile() : null;
  const lines = [
    '',
    'SkillScore is running.',
    `  Scoreboard (projector):  ${base}/board/${seeded ? `?contest=${seeded.code}` : ''}`,
    `  Scoreboard (phones):     ${base}/board/${seeded ? `?contest=${seeded.code}&view=phone` : ''}`,
    `  Judge tablets:           ${base}/judge/${seeded ? `?contest=${seeded.code}` : ''}`,
    `  Organizer console:       ${base}/judge/admin.html`,
    `  API:                     ${base}/api/  (docs/api.md)`,
    ...reachable.slice(1).map((a) => `  Also reachable at:       ${a}/`),
    reachable.length
      ? `  This computer only:      ${protocol}://localhost:${port}/`
      : `  This computer only:      the addresses above — phones and tablets cannot reach them (HOST=${config.host}: set HOST=0.0.0.0, or PUBLIC_URL)`,
    passwordFile
      ? `  Organizer password:      generated now, in ${passwordFile} (readable only by this user; delete it once noted)`
      : showHere
        ? '  Organizer password:      generated now, shown below only this once (set ORGANIZER_PASSWORD to choose one)'
        : `  Organizer password:      ${config.organizerPassword ? 'from ORGANIZER_PASSWORD' : 'as generated on the first start, or as last changed in the console'}`,
  ];
  if (seeded) lines.push(`  Demo contest ${seeded.code}: judges' PINs are in ${seeded.pinsFile}`);
  lines.push('');
  const log = new Logger('start');
  log.log(lines.join('\n'));
  // below LOG_LEVEL=log the banner is not printed, but where the password went still must be
  if (passwordFile && config.logLevel === 'warn') log.warn(`the organizer password was generated and written to ${passwordFile}`);
  // straight to the terminal, whatever LOG_LEVEL lets through, and never through the logger
  if (showHere) process.stdout.write(`\n  Organizer password:  ${organizer.generated}\n\n`);
}

void main().catch((e: unknown) => {
  // before the configuration is read there is no logger yet: the reason goes to stderr as it is
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  new Logger('start').fatal(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
