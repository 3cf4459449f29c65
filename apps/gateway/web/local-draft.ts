/** The editor's text as this browser last had it, with the revision it was based on. */
export interface Draft {
  text: string;
  baseRevision: number;
  at: number;
}

/**
 * A copy of the editor's unsaved text in the browser's local storage, written at every change
 * and cleared once the server has it: a closed tab, a crash or a session that ended never loses
 * typed code. Kept per user and lab, so a shared computer does not hand one student's text to
 * another. Storage may be full or refused (private windows): then there is just no copy.
 */
export class LocalDraft {
  private readonly key: string;

  constructor(username: string, mpId: string) {
    this.key = `wb:draft:${username}:${mpId}`;
  }

  write(text: string, baseRevision: number): void {
    try {
      localStorage.setItem(this.key, JSON.stringify({ text, baseRevision, at: Date.now() } satisfies Draft));
    } catch {
      /* no storage: nothing to keep it in */
    }
  }

  read(): Draft | null {
    try {
      const draft = JSON.parse(localStorage.getItem(this.key) ?? 'null') as Partial<Draft> | null;
      return draft && typeof draft.text === 'string' && typeof draft.baseRevision === 'number' && typeof draft.at === 'number'
        ? (draft as Draft)
        : null;
    } catch {
      return null;
    }
  }

  clear(): void {
    try {
      localStorage.removeItem(this.key);
    } catch {
      /* nothing kept */
    }
  }
}
