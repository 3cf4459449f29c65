import { addAttemptRow, pendingAttempt } from './attempts-table';
import { followAttempt } from './attempt-live';
import { Autosaver, describeSave, ServerProgram } from './autosave';
import { showConflict } from './conflict-banner';
import { EditorView } from '@codemirror/view';
import { createEditor, Editor } from './editor';
import { highlightWithin } from './highlight';
import { LocalDraft } from './local-draft';
import { byId, clock, pageData } from './page-data';
import { RunControl } from './run-control';
import { setUpTabs } from './tabs';

interface LabData {
  mpId: string;
  template: string;
  username: string;
}

/** The lab page: tabs, the editor with autosave, Run with live attempts. */
async function main(): Promise<void> {
  const lab = pageData<LabData>('lab-data');
  const base = `/mp/${encodeURIComponent(lab.mpId)}`;
  const saveState = byId('save-state');

  highlightWithin(byId('panel-description'));
  // CodeMirror measures itself when shown; a panel that was hidden needs to ask it to.
  setUpTabs((name) => {
    const dom = name === 'code' ? document.querySelector<HTMLElement>('.cm-editor') : null;
    if (dom) EditorView.findFromDOM(dom)?.requestMeasure();
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
  else if (unsaved) saveState.textContent = `Restored your unsaved text from ${clock(new Date(unsaved.at))}; saving it…`;
  autosaver.start();

  byId('save-button').addEventListener('click', () => void autosaver.save());
  byId('reset-button').addEventListener('click', () => {
    if (!confirm('Replace your program with the lab’s template? Your current text will be saved over.')) return;
    editor.setText(lab.template);
    void autosaver.save();
  });
  setUpRun(base, lab.mpId, editor, autosaver);
}

function setUpRun(base: string, mpId: string, editor: Editor, autosaver: Autosaver): void {
  const runButton = byId<HTMLButtonElement>('run-button');
  const runState = byId('run-state');
  const run = new RunControl(runButton);
  let stopFollowing: (() => void) | undefined;
  const pending = pendingAttempt();
  if (pending) stopFollowing = followAttempt(mpId, pending.id, byId('current-attempt'), pending.update);

  byId<HTMLFormElement>('run-form').addEventListener('submit', async (event) => {
    if ((event as SubmitEvent).submitter?.id === 'grade-button') {
      // Grade posts this form: it must carry the editor's text, typed a moment ago or not, and
      // the text is saved by the grade itself. The browser then shows the grade attempt.
      const program = editor.text();
      byId<HTMLTextAreaElement>('program').value = program;
      autosaver.noteSavedElsewhere(program);
      return;
    }
    event.preventDefault();
    if (run.held) return;
    const program = editor.text();
    const dataset = Number(byId<HTMLSelectElement>('dataset').value);
    runButton.disabled = true;
    runState.textContent = 'Submitting…';
    let res: Response;
    try {
      res = await fetch(`${base}/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ program, dataset }),
      });
    } catch {
      runButton.disabled = false;
      runState.textContent = 'No connection: the run was not submitted.';
      return;
    }
    const body = await res.json().catch(() => ({}));
    if (res.status === 429 || res.status === 503) {
      // 503: the platform cannot reach its database for a moment; the button comes back when it may.
      runState.textContent =
        res.status === 429 ? 'One run every 3 seconds.' : `Not submitted: ${body.error ?? 'the server is unavailable'}`;
      run.hold(body.retryAfterMs ?? Number(res.headers.get('retry-after') ?? 3) * 1000);
      return;
    }
    runButton.disabled = false;
    if (res.status !== 202) {
      runState.textContent = `Not submitted: ${body.error ?? `error ${res.status}`}`;
      return;
    }
    runState.textContent = '';
    run.hold(3000);
    autosaver.noteSavedElsewhere(program);
    stopFollowing?.();
    const updateRow = addAttemptRow(mpId, body.attemptId, dataset);
    stopFollowing = followAttempt(mpId, body.attemptId, byId('current-attempt'), updateRow);
  });
}

void main();
