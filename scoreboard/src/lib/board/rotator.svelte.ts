import { resolvePage, stepPage, type BoardPage } from './rotation';

/** Turns the projector pages on a timer; an operator can pause and step with the keyboard. */
export class Rotator {
  currentId = $state<string | null>(null);
  paused = $state(false);
  /** bumps on every page turn so a progress bar can restart */
  turn = $state(0);

  private readonly pages: () => readonly BoardPage[];
  private readonly seconds: number;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(pages: () => readonly BoardPage[], seconds: number) {
    this.pages = pages;
    this.seconds = seconds;
  }

  get current(): BoardPage | null {
    return resolvePage(this.pages(), this.currentId);
  }

  get periodMs(): number {
    return this.seconds * 1000;
  }

  start(): void {
    this.stop();
    this.timer = setInterval(() => {
      if (!this.paused) this.step(1, false);
    }, this.periodMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  step(dir: 1 | -1, restart = true): void {
    const next = stepPage(this.pages(), this.currentId, dir);
    this.currentId = next?.id ?? null;
    this.turn += 1;
    // A manual step gives the new page its full time.
    if (restart && this.timer) this.start();
  }

  togglePause(): void {
    this.paused = !this.paused;
    if (!this.paused) this.start();
    this.turn += 1;
  }
}
