import { Logger } from '@nestjs/common';
import type { StartedBox } from './boxed-exec';
import type { BoxCgroup } from './cgroups/box-cgroup';
import type { SandboxProfile } from '@wb/common';

/** A box started ahead of its run, and its cgroup (without limits until the run). */
export interface MadeBox {
  box: StartedBox;
  cgroup: BoxCgroup | null;
}

/**
 * One box made ahead per run profile. Spawning the launcher, making the box's namespaces,
 * joining its cgroup and laying out the system part of its file system are most of a short
 * run's cost; a box made ahead has done them when its run comes, and only the run's own paths,
 * the pivot into its root and the program remain. The next box is made while the run goes on.
 * Nothing of a run is in a box before the run takes it: no uid, no path, no program.
 */
export class WarmBoxes {
  private readonly logger = new Logger(WarmBoxes.name);
  private readonly waiting = new Map<SandboxProfile, MadeBox>();
  private closed = false;

  constructor(private readonly make: (profile: SandboxProfile) => MadeBox) {}

  /** The profile's box made ahead if one waits (null: make one now); another is made behind it. */
  take(profile: SandboxProfile): MadeBox | null {
    const made = this.waiting.get(profile);
    this.waiting.delete(profile);
    this.makeAhead(profile);
    if (!made) return null;
    if (made.box.ready) return made;
    void disposeBox(made, this.logger); // it died while it waited
    return null;
  }

  /** The launchers that wait for a run: the sandbox's own processes, not any run's leftovers. */
  waitingPids(): number[] {
    return [...this.waiting.values()].flatMap((m) => (m.box.pid === undefined ? [] : [m.box.pid]));
  }

  /** Ends every box that waits; none is made after. */
  async close(): Promise<void> {
    this.closed = true;
    const made = [...this.waiting.values()];
    this.waiting.clear();
    await Promise.all(made.map((m) => disposeBox(m, this.logger)));
  }

  private makeAhead(profile: SandboxProfile): void {
    // After this turn of the event loop: the spawn is synchronous, and the run that took the
    // last box should not wait for it.
    setImmediate(() => {
      if (this.closed || this.waiting.has(profile)) return;
      try {
        const made = this.make(profile);
        made.box.idle();
        this.waiting.set(profile, made);
      } catch (err) {
        this.logger.warn(`could not make a ${profile} box ahead (the next run makes its own): ${(err as Error).message}`);
      }
    });
  }
}

/** Gives up a box before any verdict (its launcher leaves), then empties and removes its cgroup. */
export async function disposeBox(made: MadeBox, logger: Logger): Promise<void> {
  await made.box.discard();
  await made.cgroup?.release().catch((err: Error) => logger.warn(`a box given up left its cgroup: ${err.message}`));
}
