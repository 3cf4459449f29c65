/** Why Run is unavailable after a run, as its tooltip says: "One run every 3 seconds". */
function holdHint(intervalMs: number): string {
  const seconds = Math.round(intervalMs / 100) / 10;
  return `One run every ${seconds === 1 ? 'second' : `${seconds} seconds`}`;
}

/**
 * The Run button and the submission limiter: while a run is being submitted, and after it (or a
 * 429 saying how long to wait) until the limiter lets the next one through, the button is marked
 * unavailable, with a tooltip that says why. No number on it: a countdown read like the run's own
 * time. It is aria-disabled rather than disabled, so the focus stays on it instead of falling to
 * the page; the form's handler asks {@link ready} before submitting.
 */
export class RunControl {
  private until = 0;
  private submitting = false;
  private timer?: number;
  private readonly hint: string;
  /** No worker serves the lab: the page renders Run disabled, with the reason beside it. */
  private blocked: boolean;
  /** Why Run is unavailable while the limiter holds it. */
  readonly holdHint: string;

  /** `intervalMs`: the server's submission interval (`SUBMIT_INTERVAL_MS`), which the page carries. */
  constructor(
    private readonly button: HTMLButtonElement,
    private readonly intervalMs: number,
  ) {
    this.hint = button.title;
    this.blocked = button.disabled;
    this.holdHint = holdHint(intervalMs);
  }

  /** No submission on its way, the limiter's wait over, and a worker to run it. */
  get ready(): boolean {
    return !this.submitting && !this.held && !this.blocked;
  }

  /** Turns Run off outright while no worker serves the lab (the page says why), and on again. */
  block(blocked: boolean): void {
    this.blocked = blocked;
    this.button.disabled = blocked;
  }

  get held(): boolean {
    return Date.now() < this.until;
  }

  /** How long until the limiter lets the next submission through (0: now). */
  get waitMs(): number {
    return Math.max(0, this.until - Date.now());
  }

  busy(submitting: boolean): void {
    this.submitting = submitting;
    this.show();
  }

  /** A submission went through: the limiter lets the next one through after its interval. */
  holdAfterSubmission(): void {
    this.hold(this.intervalMs);
  }

  hold(ms: number): void {
    this.until = Math.max(this.until, Date.now() + ms);
    this.show();
  }

  private show(): void {
    clearTimeout(this.timer);
    const left = this.until - Date.now();
    if (left > 0) this.timer = window.setTimeout(() => this.show(), left);
    const held = left > 0;
    if (held || this.submitting) this.button.setAttribute('aria-disabled', 'true');
    else this.button.removeAttribute('aria-disabled');
    this.button.title = held ? this.holdHint : this.hint;
  }
}
