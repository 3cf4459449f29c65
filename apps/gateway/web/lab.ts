import { addAttemptRow, pendingAttempt } from './attempts-table';
import { AttemptEvent, followAttempt } from './attempt-live';
import { Autosaver, describeSave, ServerProgram } from './autosave';
import { showConflict } from './conflict-banner';
import { EditorView } from '@codemirror/view';
import { createEditor, Editor } from './editor';
import { goToProgramLine, markRunSubmitted, showCompilerDiagnostics } from './editor-diagnostics';
import { highlightWithin } from './highlight';
import { LocalDraft } from './local-draft';
import { byId, pageData } from './page-data';
import { RunControl } from './run-control';
import { showRunState } from './run-status';
import { setUpRunShortcuts } from './shortcuts';
import { onSourceLinkClick, ProgramLine, takeLineFromAddress } from './source-links';
import { setUpTabs } from './tabs';
import { momentOf } from './times';
import { rearmRunWhenServed } from './worker-availability';
import { setUpPanes, WORKSPACE_MEDIA } from './workspace-panes';

interface LabData {
  mpId: string;
  template: string;
  username: string;
}

/** The lab page: a workspace of panes or tabs, the editor with autosave, Run with live attempts. */
async function main(): Promise<void> {
  const lab = pageData<LabData>('lab-data');
  const base = `/mp/${encodeURIComponent(lab.mpId)}`;
  const saveState = byId('save-state');

  highlightWithin(byId('panel-description'));
  setUpPanes(byId('workspace'), lab.mpId);
  setUpTabs({
    memoryKey: `wb:tab:${lab.mpId}`,
    showAll: matchMedia(WORKSPACE_MEDIA),
    // CodeMirror measures itself when shown; a panel that was hidden needs to ask it to.
    onShow: (name) => {
      const dom = name === 'code' ? document.querySelector<HTMLElement>('.cm-editor') : null;
      if (dom) EditorView.findFromDOM(dom)?.requestMeasure();
    },
  });

  const res = await fetch(`${base}/program`, { headers: { accept: 'application/json' } });
  if (!res.ok) {
    saveState.textContent = `Could not load your program (${res.status}); reload the page.`;
    return;
  }
  const server = (await res.json()) as ServerProgram;
  byId('program').hidden = true; // the plain textarea that serves without JavaScript
  const draft = new LocalDraft(lab.username, lab.mpId);
  const kept = draft.read();
  // Text this browser had and the server never got (the tab closed, the session ended) is back
  // in the editor: saved by the autosave, or, when the program was saved elsewhere since, shown
  // as a conflict for the student to settle.
  const unsaved = kept && kept.text !== server.program ? kept : null;
  if (kept && !unsaved) draft.clear();
  const editor = createEditor(
    byId('editor'),
    unsaved?.text ?? server.program,
    () => void autosaver.save(),
    () => autosaver.noteEdit(),
  );
  const autosaver = new Autosaver({
    saveUrl: `${base}/save`,
    programUrl: `${base}/program`,
    text: editor.text,
    show: (state) => {
      saveState.textContent = describeSave(state);
      saveState.dataset.state = state.kind;
    },
    onConflict: (latest) =>
      showConflict(byId('conflict'), latest.revision, (keep) => {
        if (keep === 'mine') return autosaver.overwrite(latest.revision);
        editor.setText(latest.program);
        autosaver.acceptServer(latest);
      }),
    draft,
  });
  autosaver.begin(server);
  if (unsaved && unsaved.baseRevision !== server.revision) autosaver.conflictWith(server);
  else if (unsaved) saveState.textContent = `Restored your unsaved text from ${momentOf(new Date(unsaved.at))}; saving it…`;
  autosaver.start();

  byId('save-button').addEventListener('click', () => void autosaver.save());
  byId('reset-button').addEventListener('click', () => {
    if (!confirm('Replace your program with the lab’s template? Your current text will be saved over.')) return;
    editor.setText(lab.template);
    void autosaver.save();
  });
  // `program.cpp:26:50` in a run's output, here or linked from the attempt page, goes to that line.
  const goTo = ({ line, column }: ProgramLine) => goToProgramLine(editor.view, line, column);
  const asked = takeLineFromAddress();
  if (asked) goTo(asked);
  onSourceLinkClick(byId('current-attempt'), goTo);
  setUpRun(base, lab.mpId, editor, autosaver);
}

function setUpRun(base: string, mpId: string, editor: Editor, autosaver: Autosaver): void {
  const runButton = byId<HTMLButtonElement>('run-button');
  const runState = byId('run-state');
  const chip = byId('run-chip');
  const heading = byId('result-heading');
  const datasetChoice = byId<HTMLSelectElement>('dataset');
  // Read as an attribute: the form's `dataset` property is its control named "dataset".
  const run = new RunControl(runButton, Number(byId('run-form').getAttribute('data-submit-interval-ms') ?? 3000));
  const noWorker = document.getElementById('worker-waiting');
  const gradeButton = document.getElementById('grade-button') as HTMLButtonElement | null;
  const grade = gradeButton && { button: gradeButton, reason: document.getElementById('grade-waiting') };
  if (noWorker && runButton.disabled) rearmRunWhenServed(mpId, noWorker, run, grade);
  let stopFollowing: (() => void) | undefined;

  /** Shows an attempt live: its state in the chip, its row, and its result once it has a verdict. */
  const follow = (attemptId: string, updateRow: (a: AttemptEvent) => void) => {
    stopFollowing?.();
    const text = editor.text();
    heading.textContent = 'Latest run';
    const onEvent = (attempt: AttemptEvent) => {
      updateRow(attempt);
      showRunState(chip, attempt);
      if (attempt.status === 'compile_error') showCompilerDiagnostics(editor.view, attempt.program, attempt.compilerOutput);
    };
    stopFollowing = followAttempt(mpId, attemptId, byId('current-attempt-body'), onEvent, () => {
      heading.textContent = `Latest run: ${chip.textContent}`;
      // The result takes the focus (and so is read out), unless the student went on typing.
      if (editor.text() !== text) return;
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: 'start' });
    });
  };
  const pending = pendingAttempt();
  if (pending) follow(pending.id, pending.update);

  const submit = async (dataset: number) => {
    if (!run.ready) {
      if (run.held) runState.textContent = `${run.holdHint}: Run is back in a moment.`;
      return;
    }
    const program = editor.text();
    markRunSubmitted(editor.view);
    run.busy(true);
    runState.textContent = 'Submitting…';
    let res: Response;
    try {
      res = await fetch(`${base}/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ program, dataset }),
      });
    } catch {
      run.busy(false);
      runState.textContent = 'No connection: the run was not submitted.';
      return;
    }
    const body = await res.json().catch(() => ({}));
    run.busy(false);
    if (res.status === 429 || res.status === 503) {
      // 503: the platform cannot reach its database for a moment; the button comes back when it may.
      runState.textContent = res.status === 429 ? `${run.holdHint}.` : `Not submitted: ${body.error ?? 'the server is unavailable'}`;
      run.hold(body.retryAfterMs ?? Number(res.headers.get('retry-after') ?? 3) * 1000);
      return;
    }
    if (res.status !== 202) {
      runState.textContent = `Not submitted: ${body.error ?? `error ${res.status}`}`;
      return;
    }
    runState.textContent = '';
    run.holdAfterSubmission();
    autosaver.noteSavedElsewhere(program);
    showRunState(chip, { status: 'queued', dataset });
    follow(body.attemptId, addAttemptRow(mpId, body.attemptId, dataset));
  };

  byId<HTMLFormElement>('run-form').addEventListener('submit', (event) => {
    const submitter = (event as SubmitEvent).submitter;
    if (submitter?.id === 'grade-button' && run.waitMs > 0) {
      // A grade is a submission too: right after a run the limiter would refuse it with an error
      // page, so it goes once the wait is over, and the page says so meanwhile.
      event.preventDefault();
      runState.textContent = `${run.holdHint}: grading in a moment.`;
      const form = event.currentTarget as HTMLFormElement;
      window.setTimeout(() => form.requestSubmit(submitter), run.waitMs + 100);
      return;
    }
    if (submitter?.id === 'grade-button' || submitter?.dataset.analysis) {
      // Grade, Check memory and Profile post this form: it must carry the editor's text, typed a
      // moment ago or not, and the text is saved by the request itself. The browser then shows
      // the attempt.
      const program = editor.text();
      byId<HTMLTextAreaElement>('program').value = program;
      autosaver.noteSavedElsewhere(program);
      return;
    }
    event.preventDefault();
    void submit(Number(datasetChoice.value));
  });
  setUpRunShortcuts((allDatasets) => void submit(allDatasets ? -1 : Number(datasetChoice.value)));
}

void main();
