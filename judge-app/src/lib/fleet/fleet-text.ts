/** The fleet monitor's words, in both the tablet's and the console's dictionaries. */
export type FleetKey =
  | 'fleet.title'
  | 'fleet.judge'
  | 'fleet.status'
  | 'fleet.online'
  | 'fleet.offline'
  | 'fleet.none'
  | 'fleet.staleTag'
  | 'fleet.lastContact'
  | 'fleet.secondsAgo'
  | 'fleet.minutesAgo'
  | 'fleet.never'
  | 'fleet.seconds'
  | 'fleet.minutes'
  | 'fleet.version'
  | 'fleet.outbox'
  | 'fleet.lastSent'
  | 'fleet.battery'
  | 'fleet.charging'
  | 'fleet.unknown'
  | 'fleet.empty'
  | 'fleet.channelDown'
  | 'fleet.staleNotice'
  | 'fleet.show';

export type FleetT = (key: FleetKey, params?: Record<string, string | number>) => string;

/** "12 秒前", "3 分钟前", or "从未" */
export function agoText(t: FleetT, seconds: number | null): string {
  if (seconds === null) return t('fleet.never');
  return seconds < 120 ? t('fleet.secondsAgo', { n: seconds }) : t('fleet.minutesAgo', { n: Math.floor(seconds / 60) });
}

/** "45 秒", "2 分钟" */
export function durationText(t: FleetT, seconds: number): string {
  return seconds < 120 ? t('fleet.seconds', { n: seconds }) : t('fleet.minutes', { n: Math.floor(seconds / 60) });
}
