/**
 * The Run button and the submission limiter: after a submission (or a 429 saying how long to
 * wait) the button stays disabled and counts down, so the user sees when they may run again.
 */
export class RunControl {
  private until = 0;
  private timer?: number;

  constructor(
    private readonly button: HTMLButtonElement,
    private readonly label = button.textContent ?? 'Run',
  ) {}

  hold(ms: number): void {
    this.until = Math.max(this.until, Date.now() + ms);
    clearInterval(this.timer);
    this.tick();
    this.timer = window.setInterval(() => this.tick(), 100);
  }

  get held(): boolean {
    return Date.now() < this.until;
  }

  private tick(): void {
    const left = this.until - Date.now();
    if (left <= 0) {
      clearInterval(this.timer);
      this.button.disabled = false;
      this.button.textContent = this.label;
      return;
    }
    this.button.disabled = true;
    this.button.textContent = `${this.label} (${(left / 1000).toFixed(1)} s)`;
  }
}
