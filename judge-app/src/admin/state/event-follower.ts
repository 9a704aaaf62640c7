import { STAFF, type StaffEventChanged } from '@skillscore/server/contracts';
import type { StaffSocket } from '../../lib/chief/staff-socket';

/**
 * Calls `onChange` whenever the server announces a change of one event on the `/staff` channel
 * (a sheet, a chief act, an appeal recorded or answered), and once more after every reconnect,
 * since changes made while the channel was down were never announced.
 */
export class EventFollower {
  private started = false;
  /** the first `watching` answers the first watch: the caller has just loaded */
  private first = true;

  constructor(
    private readonly socket: StaffSocket,
    private readonly code: string,
    private readonly event: string,
    private readonly onChange: () => void,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.socket.on('connect', this.onConnect);
    this.socket.on(STAFF.watching, this.onWatching);
    this.socket.on(STAFF.changed, this.onChanged);
    if (this.socket.connected) this.onConnect();
    else this.socket.connect();
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.socket.off('connect', this.onConnect);
    this.socket.off(STAFF.watching, this.onWatching);
    this.socket.off(STAFF.changed, this.onChanged);
    this.socket.disconnect();
  }

  private readonly onConnect = (): void => {
    this.socket.emit(STAFF.watch, { contest: this.code, event: this.event });
  };

  private readonly onWatching = (e: StaffEventChanged): void => {
    if (!this.isOurs(e)) return;
    if (this.first) this.first = false;
    else this.onChange();
  };

  private readonly onChanged = (e: StaffEventChanged): void => {
    if (this.isOurs(e)) this.onChange();
  };

  private isOurs(e: StaffEventChanged): boolean {
    return e.event === this.event && e.contest.toLowerCase() === this.code.toLowerCase();
  }
}
