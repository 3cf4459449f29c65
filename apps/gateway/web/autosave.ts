import type { LocalDraft } from './local-draft';
import { momentOf } from './times';

export const AUTOSAVE_MS = 3000;

export type SaveView =
  | { kind: 'saved'; at: Date }
  | { kind: 'template' }
  | { kind: 'saving' }
  | { kind: 'offline'; reason: string }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; revision: number };

export function describeSave(state: SaveView): string {
  switch (state.kind) {
    case 'saved':
      return `Saved ${momentOf(state.at)}`;
    case 'saving':
      return 'Saving…';
    case 'template':
      return 'The lab’s template (saved once you edit it)';
    case 'offline':
      return `Offline — will retry (${state.reason})`;
    case 'error':
      return state.message;
    case 'conflict':
      return `Not saved: a newer version (revision ${state.revision}) was saved elsewhere`;
  }
}

export interface ServerProgram {
  program: string;
  revision: number;
  savedAt: string | null;
  fromTemplate: boolean;
}

interface AutosaveOptions {
  saveUrl: string;
  programUrl: string;
  text: () => string;
  show: (state: SaveView) => void;
  /** Another tab or the local client saved a different program: the user decides, never us. */
  onConflict: (server: ServerProgram) => void;
  /** The browser's copy of unsaved text: written at every change, cleared once saved. */
  draft: LocalDraft;
}

/**
 * Saves the editor's text every few seconds when (and only when) it changed, at once on
 * Ctrl-S, and with a beacon when the tab is hidden or closed. Every save names the revision it
 * was based on, so a newer save from elsewhere is reported (409) instead of overwritten. Network
 * and server failures leave the text marked unsaved and the next tick tries again.
 */
export class Autosaver {
  private revision = 0;
  private savedText = '';
  private inFlight = false;
  private conflict = false;
  /** Text refused for good (over the size limit): not retried until it changes. */
  private refusedText?: string;
  /**
   * Texts that reached the server without us learning the new revision (a beacon, a submission):
   * a 409 whose server text is one of them is our own earlier save, not another tab's.
   */
  private readonly unconfirmed: string[] = [];

  constructor(private readonly options: AutosaveOptions) {}

  begin(server: ServerProgram): void {
    this.revision = server.revision;
    this.savedText = server.program;
    this.conflict = false;
    if (server.savedAt) this.options.show({ kind: 'saved', at: new Date(server.savedAt) });
    else this.options.show({ kind: 'template' });
  }

  start(): void {
    setInterval(() => this.saveIfChanged(), AUTOSAVE_MS);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && this.flush());
    window.addEventListener('pagehide', () => this.flush());
    window.addEventListener('online', () => this.saveIfChanged());
  }

  /** The editor changed: the browser keeps a copy until the server has it. */
  noteEdit(): void {
    const text = this.options.text();
    if (text === this.savedText) this.options.draft.clear();
    else this.options.draft.write(text, this.revision);
  }

  get dirty(): boolean {
    return this.options.text() !== this.savedText;
  }

  saveIfChanged(): void {
    const text = this.options.text();
    if (this.inFlight || this.conflict || text === this.savedText || text === this.refusedText) return;
    void this.save();
  }

  /** A submission saved this text on the server too (with a revision we are not told). */
  noteSavedElsewhere(text: string): void {
    this.remember(text);
  }

  async save(): Promise<void> {
    if (this.inFlight || this.conflict) return;
    const text = this.options.text();
    this.inFlight = true;
    this.options.show({ kind: 'saving' });
    try {
      const res = await fetch(this.options.saveUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ program: text, revision: this.revision }),
        keepalive: text.length < 60_000, // lets a save in flight finish if the tab closes
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        this.revision = body.revision;
        this.savedText = text;
        if (this.options.text() === text) this.options.draft.clear();
        else this.options.draft.write(this.options.text(), this.revision); // typed on while it saved
        this.options.show({ kind: 'saved', at: new Date(body.savedAt) });
      } else if (res.status === 409) {
        await this.resolveConflict(text);
      } else if (res.status === 401) {
        this.options.show({ kind: 'offline', reason: 'logged out: log in again in another tab; your text stays here' });
      } else if (res.status >= 500 || res.status === 429) {
        this.options.show({ kind: 'offline', reason: `server error ${res.status}` });
      } else {
        this.refusedText = text;
        this.options.show({ kind: 'error', message: `Not saved: ${body.error ?? `error ${res.status}`}` });
      }
    } catch {
      this.options.show({ kind: 'offline', reason: 'no connection' });
    } finally {
      this.inFlight = false;
    }
  }

  /** Ours after all (a beacon or submission landed) → continue from it; otherwise ask the user. */
  private async resolveConflict(text: string): Promise<void> {
    const res = await fetch(this.options.programUrl, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`cannot read the saved program (${res.status})`);
    const server = (await res.json()) as ServerProgram;
    if (server.program === text || this.unconfirmed.includes(server.program)) {
      this.revision = server.revision;
      this.savedText = server.program;
      this.inFlight = false;
      if (server.program === text) this.options.show({ kind: 'saved', at: new Date(server.savedAt ?? Date.now()) });
      else await this.save();
      return;
    }
    this.conflictWith(server);
  }

  /** The editor's text and the server's differ, each from its own revision: the user chooses. */
  conflictWith(server: ServerProgram): void {
    this.conflict = true;
    this.options.show({ kind: 'conflict', revision: server.revision });
    this.options.onConflict(server);
  }

  /** The user chose the version saved elsewhere (the editor now shows it). */
  acceptServer(server: ServerProgram): void {
    this.begin(server);
  }

  /** The user chose to keep this tab's text: it is saved over the newer revision, knowingly. */
  overwrite(revision: number): void {
    this.revision = revision;
    this.conflict = false;
    void this.save();
  }

  /**
   * The tab is going away or out of sight, where timers may never fire again: hand the text to
   * the browser. A beacon carries the cookie; a form body is CORS-safelisted and the save route
   * accepts it.
   */
  private flush(): void {
    const text = this.options.text();
    if (this.conflict || text === this.savedText || text === this.refusedText) return;
    const body = new URLSearchParams({ program: text, revision: String(this.revision) });
    if (navigator.sendBeacon(this.options.saveUrl, body)) this.remember(text);
  }

  private remember(text: string): void {
    this.unconfirmed.push(text);
    if (this.unconfirmed.length > 5) this.unconfirmed.shift();
  }
}
