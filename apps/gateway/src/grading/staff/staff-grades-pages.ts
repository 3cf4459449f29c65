import type { Mp } from '@wb/common';
import type { GradeRow } from './grades-csv';
import type { RegradeProgress } from './staff-grades.service';
import { escapeHtml, formatDate, layout, PageUser } from '../../pages/html';

/** Every lab, with how many students have a grade in it: where the course staff start. */
export function staffLabsGradesPage(labs: { mp: Mp; graded: number }[], user: PageUser): string {
  const rows = labs
    .map(
      ({ mp, graded }) =>
        `<tr><th scope="row"><a href="/admin/grades/${encodeURIComponent(mp.config.id)}">${escapeHtml(mp.config.title)}</a></th><td>${escapeHtml(mp.config.id)}</td><td>${graded}</td><td>${formatDate(mp.config.deadline)}</td></tr>`,
    )
    .join('');
  return layout(
    'Course grades',
    `<h1>Course grades</h1><div class="table-wrap"><table><thead><tr><th scope="col">Lab</th><th scope="col">Id</th><th scope="col">Students graded</th>
<th scope="col">Deadline</th></tr></thead><tbody>${rows}</tbody></table></div>`,
    user,
    { current: 'course-grades' },
  );
}

/** One lab's counting grades, with an override form per student, the CSV export and a regrade of everyone. */
export function staffGradesPage(mp: Mp, rows: GradeRow[], progress: RegradeProgress | null, user: PageUser): string {
  const id = encodeURIComponent(mp.config.id);
  const table = rows.length
    ? `<div class="table-wrap"><table><caption>Each student's counting grade (${mp.config.grading === 'last' ? 'the last' : 'the best'})</caption>
<thead><tr><th scope="col">Student</th><th scope="col">Score</th><th scope="col">Late</th><th scope="col">Graded</th><th scope="col">Sent to the course</th>
<th scope="col">Override</th></tr></thead><tbody>${rows.map((r) => gradeRow(r)).join('')}</tbody></table></div>`
    : '<p class="muted">No student has a grade in this lab yet.</p>';
  const regrade = progress
    ? `<p role="status" id="regrade-progress">Regrade: ${progress.graded} of ${progress.total} graded (${progress.finished} runs finished)${
        progress.done ? ' — done.' : ' — reload to follow it.'
      }</p>`
    : '';
  return layout(
    `Grades: ${mp.config.title}`,
    `<h1>Grades: ${escapeHtml(mp.config.title)}</h1>${regrade}
<p><a href="/staff/grades/${id}/export.csv">Export as CSV</a></p>${table}
<form method="post" action="/staff/grades/${id}/regrade"><button type="submit">Regrade every student's counting program</button></form>
<p class="muted">A regrade runs each program again (after a dataset or rubric fix); an override is kept with its reason, and a course that already has the student's grade is sent the new one.</p>`,
    user,
    { current: 'course-grades' },
  );
}

function gradeRow(r: GradeRow): string {
  const gradeId = escapeHtml(r.gradeId);
  return `<tr><th scope="row">${escapeHtml(r.username)}</th><td>${r.score} / ${r.maxScore}${r.overridden ? ' <span class="muted">(overridden)</span>' : ''}</td>
<td>${r.late ? 'late' : ''}</td><td>${formatDate(r.gradedAt)}</td><td>${escapeHtml(r.passbackState)}</td>
<td><form method="post" action="/staff/grades/override/${gradeId}" class="override-form">
<label>Score <input name="score" type="number" min="0" max="${r.maxScore}" step="any" required></label>
<label>Reason <input name="reason" minlength="3" maxlength="2000" required></label>
<button type="submit">Override</button></form></td></tr>`;
}
