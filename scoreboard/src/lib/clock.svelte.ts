/** Wall clock for the board header and for fading "just changed" highlights. */
export class Clock {
  now = $state(Date.now());
  private timer: ReturnType<typeof setInterval> | null = null;

  start(): void {
    this.stop();
    this.now = Date.now();
    // Tick on the second boundary so the header clock never shows a second late.
    const align = 1000 - (this.now % 1000);
    this.timer = setTimeout(() => {
      this.now = Date.now();
      this.timer = setInterval(() => (this.now = Date.now()), 1000);
    }, align);
  }

  stop(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      clearInterval(this.timer);
    }
    this.timer = null;
  }
}
