import type { Mp, Timing } from '@wb/common';
import { escapeHtml, formatDate, layout, statusBadge } from '../pages/html';
import type { RequestUser } from '../auth/authenticated-request';
import type { DeviceBoard } from './leaderboard';
import { formatMs, formatSpread } from './timing-view';

const isStaff = (user: RequestUser) => user.role === 'staff' || user.role === 'admin';

function labPath(mp: Mp): string {
  return `/mp/${encodeURIComponent(mp.config.id)}`;
}

function deviceLine(label: string, facts: Timing['deviceStart']): string {
  if (!facts) return '';
  const parts = [
    facts.model,
    facts.driver ? `driver ${facts.driver}` : '',
    facts.clockMhz !== undefined ? `${facts.clockMhz} MHz` : '',
    facts.temperatureC !== undefined ? `${facts.temperatureC} °C` : '',
  ].filter(Boolean);
  return `<dt>${label}</dt><dd>${escapeHtml(parts.join(', '))}</dd>`;
}

/** One timed run: its state, the figure and spread, every run with its seed, the device at both ends. */
export function timingPage(mp: Mp, timing: Timing, user: RequestUser): string {
  const verdict =
    timing.state === 'done' ? statusBadge(timing.status ?? 'void', 'timing-status') : statusBadge(timing.state, 'timing-status');
  const runs = timing.runs
    .map(
      (r, i) =>
        `<tr><td>${i + 1}</td><td>${escapeHtml(r.seed)}</td><td>${r.passed ? 'correct' : `wrong: ${escapeHtml(r.message)}`}</td><td>${formatMs(r.timeMs)}</td></tr>`,
    )
    .join('');
  const body = `<h1>Timed run of ${escapeHtml(mp.config.title)}${timing.reference ? ' (reference solution)' : ''}</h1>
<p><a href="${labPath(mp)}">Back to the lab</a> · <a href="${labPath(mp)}/leaderboard">Leaderboard</a></p>
<dl class="timing-figure" id="timing-figure">
<dt>Status</dt><dd>${verdict}</dd>
${timing.reason ? `<dt>Why</dt><dd id="timing-reason">${escapeHtml(timing.reason)}</dd>` : ''}
<dt>Median</dt><dd id="timing-median">${formatMs(timing.medianMs)}</dd>
<dt>Spread</dt><dd id="timing-spread">${formatSpread(timing.spread)} (${formatMs(timing.minMs)} to ${formatMs(timing.maxMs)})</dd>
${deviceLine('Device at start', timing.deviceStart)}
${deviceLine('Device at end', timing.deviceEnd)}
${timing.hiddenReason ? `<dt>Hidden from the leaderboard</dt><dd>${escapeHtml(timing.hiddenReason)}</dd>` : ''}
<dt>Asked</dt><dd>${formatDate(timing.createdAt)}</dd>
</dl>
${timing.state === 'queued' ? '<p>Waiting for a worker to run it alone; reload to see the result.</p>' : ''}
<table id="timing-runs"><caption>Each run, on fresh inputs from its own seed</caption>
<thead><tr><th>Run</th><th>Seed</th><th>Answer</th><th>Compute/GPU time</th></tr></thead><tbody>${runs}</tbody></table>`;
  return layout(`Timed run · ${mp.config.title}`, body, user, { current: 'labs' });
}

/**
 * The lab's leaderboards (one per device model): rank, name or "anonymous", median and spread;
 * the reference solution as a line; the viewer's row marked; the timing button and the name
 * setting; for staff, a hide form per row and the hidden figures with their reasons.
 */
export function leaderboardPage(
  mp: Mp,
  boards: DeviceBoard[],
  user: RequestUser,
  own: { name: string | null; timings: Timing[]; hidden: Timing[] },
): string {
  const staff = isStaff(user);
  const path = labPath(mp);
  const tables = boards
    .map((board) => {
      const reference = board.reference
        ? `<tr class="reference"><td>—</td><td>reference solution</td><td>${formatMs(board.reference.medianMs)}</td><td>${formatSpread(board.reference.spread)}</td><td></td>${staff ? '<td></td>' : ''}</tr>`
        : '';
      const rows = board.entries
        .map((e) => {
          const hide = staff
            ? `<td><form method="post" action="${path}/leaderboard/${encodeURIComponent(e.timingId)}/hide"><label>Reason <input name="reason" required maxlength="500"></label> <button>Hide</button></form></td>`
            : '';
          return `<tr${e.own ? ' class="own" aria-current="true"' : ''}><td>${e.rank}</td><td>${escapeHtml(e.name)}${e.own ? ' (you)' : ''}</td><td>${formatMs(e.medianMs)}</td><td>${formatSpread(e.spread)}</td><td>${e.runs}</td>${hide}</tr>`;
        })
        .join('');
      return `<section class="leaderboard"><h2>${escapeHtml(board.device)}</h2>
<table><thead><tr><th>Rank</th><th>Student</th><th>Median</th><th>Spread</th><th>Runs</th>${staff ? '<th>Staff</th>' : ''}</tr></thead>
<tbody>${reference}${rows}</tbody></table></section>`;
    })
    .join('');
  const mine = own.timings
    .map(
      (t) =>
        `<li><a href="${path}/timings/${t.id}">${formatDate(t.createdAt)}</a>: ${statusBadge(t.state === 'done' ? (t.status ?? 'void') : t.state)} ${formatMs(t.medianMs)}</li>`,
    )
    .join('');
  const hidden = own.hidden
    .map(
      (t) => `<li>${formatMs(t.medianMs)} (${escapeHtml(t.deviceModel)}): ${escapeHtml(t.hiddenReason)}
<form method="post" action="${path}/leaderboard/${encodeURIComponent(t.id)}/unhide"><button>Show again</button></form></li>`,
    )
    .join('');
  const body = `<h1>Leaderboard: ${escapeHtml(mp.config.title)}</h1>
<p><a href="${path}">Back to the lab</a></p>
<p>Each figure is the median of ${mp.config.performance?.runs ?? 5} runs on fresh inputs, timed alone on the device named above each table.</p>
<form method="post" action="${path}/timings"><button id="timing-button">Time my latest program</button></form>
${tables || '<p id="leaderboard-empty">No valid figures yet.</p>'}
<h2>Your timed runs</h2>${mine ? `<ul id="own-timings">${mine}</ul>` : '<p>None yet.</p>'}
<form method="post" action="${path}/leaderboard/name" id="leaderboard-name-form">
<label>Name on leaderboards (empty: anonymous) <input name="displayName" maxlength="40" value="${escapeHtml(own.name ?? '')}"></label>
<button>Save</button></form>
${staff ? `<form method="post" action="${path}/timings/reference"><button>Time the reference solution</button></form>` : ''}
${staff && hidden ? `<h2>Hidden figures</h2><ul id="hidden-timings">${hidden}</ul>` : ''}`;
  return layout(`Leaderboard · ${mp.config.title}`, body, user, { current: 'labs' });
}
