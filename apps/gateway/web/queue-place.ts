import type { AttemptEvent } from './attempt-live';
import { el } from './page-data';
import { describeRun } from './run-status';

/**
 * A queued run's place in its queue ("3rd in line · about 20 s"), kept current by the attempt's
 * events, with a button that takes the run out of the queue while no worker has it. Once a
 * worker has the run it disappears; a cancelled run's "cancelled" arrives as any status does.
 */
export class QueuePlaceView {
  private readonly box = el('div', undefined, 'queue-place');
  private readonly text = el('span');
  private readonly cancel = el('button', 'Cancel this run', 'secondary');
  private readonly message = el('span', '', 'queue-message');

  /** `after`: the line the view follows; `attemptUrl`: the attempt's own URL. */
  constructor(after: HTMLElement, attemptUrl: string) {
    this.box.id = 'queue-place';
    this.box.setAttribute('role', 'status');
    this.cancel.type = 'button';
    this.cancel.id = 'cancel-run';
    this.cancel.addEventListener('click', () => void this.withdraw(`${attemptUrl}/cancel`));
    this.box.append(this.text, ' ', this.cancel, ' ', this.message);
    this.box.hidden = true;
    after.after(this.box);
  }

  update(attempt: AttemptEvent): void {
    this.box.hidden = attempt.status !== 'queued';
    if (this.box.hidden) return;
    this.text.textContent = describeRun({ status: 'queued', dataset: attempt.dataset, queue: attempt.queue });
  }

  private async withdraw(url: string): Promise<void> {
    this.cancel.disabled = true;
    this.message.textContent = 'Cancelling…';
    const res = await fetch(url, { method: 'POST', headers: { accept: 'application/json' } }).catch(() => null);
    const body = res ? await res.json().catch(() => ({})) : {};
    if (res?.ok) {
      this.message.textContent = 'Cancelled.'; // the attempt's own event follows and ends this view
      return;
    }
    // 409: a worker took it meanwhile; it runs, and its result comes as usual.
    this.cancel.hidden = res?.status === 409;
    this.cancel.disabled = false;
    this.message.textContent = res ? `Not cancelled: ${body.error ?? `error ${res.status}`}` : 'No connection: the run was not cancelled.';
  }
}
