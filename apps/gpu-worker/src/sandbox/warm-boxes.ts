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
 * Boxes made ahead, per run profile as many as the worker can start runs of it at once (its job
 * slots). Spawning the launcher, making the box's namespaces, joining its cgroup and laying out
 * the system part of its file system are most of a short run's cost; a box made ahead has done
 * them when its run comes, and only the run's own paths, the pivot into its root and the program
 * remain. The box taken is replaced while its run goes on. With one box ahead, runs starting
 * together (slots freed in the same moment) made all but the first box on their own path: a
 * quarter of the boxes at 8 slots. Nothing of a run is in a box before the run takes it: no uid,
 * no path, no program.
 */
export class WarmBoxes {
  private readonly logger = new Logger(WarmBoxes.name);
  /** Per profile, the boxes that wait, the oldest first. */
  private readonly waiting = new Map<SandboxProfile, MadeBox[]>();
  /** The profiles whose boxes are being topped up, one per turn of the event loop. */
  private readonly filling = new Set<SandboxProfile>();
  private closed = false;

  constructor(
    private readonly make: (profile: SandboxProfile) => MadeBox,
    /** How many boxes of a profile to keep made ahead. */
    private readonly ahead: (profile: SandboxProfile) => number,
  ) {}

  /** A box of the profile made ahead if one waits (null: make one now); another is made in its place. */
  take(profile: SandboxProfile): MadeBox | null {
    const boxes = this.waiting.get(profile) ?? [];
    let taken: MadeBox | null = null;
    while (!taken && boxes.length > 0) {
      const made = boxes.shift()!;
      if (made.box.ready) taken = made;
      else void disposeBox(made, this.logger); // it died while it waited
    }
    this.makeAhead(profile);
    return taken;
  }

  /** The launchers that wait for a run: the sandbox's own processes, not any run's leftovers. */
  waitingPids(): number[] {
    return [...this.waiting.values()].flat().flatMap((m) => (m.box.pid === undefined ? [] : [m.box.pid]));
  }

  /** Ends every box that waits; none is made after. */
  async close(): Promise<void> {
    this.closed = true;
    const made = [...this.waiting.values()].flat();
    this.waiting.clear();
    await Promise.all(made.map((m) => disposeBox(m, this.logger)));
  }

  /** Tops the profile's boxes up to what it keeps ahead, one box per turn of the event loop. */
  private makeAhead(profile: SandboxProfile): void {
    if (this.closed || this.filling.has(profile) || (this.waiting.get(profile)?.length ?? 0) >= this.ahead(profile)) return;
    this.filling.add(profile);
    // After this turn of the event loop: making a box has synchronous parts (its cgroup's
    // folders, and every so many boxes a new spawner), and the run that took the last box
    // should not wait for them.
    setImmediate(() => {
      this.filling.delete(profile);
      if (this.closed) return;
      try {
        const made = this.make(profile);
        made.box.idle();
        this.waiting.set(profile, [...(this.waiting.get(profile) ?? []), made]);
      } catch (err) {
        this.logger.warn(`could not make a ${profile} box ahead (the next run makes its own): ${(err as Error).message}`);
        return;
      }
      this.makeAhead(profile);
    });
  }
}

/** Gives up a box before any verdict (its launcher leaves), then empties and removes its cgroup. */
export async function disposeBox(made: MadeBox, logger: Logger): Promise<void> {
  await made.box.discard();
  await made.cgroup?.release().catch((err: Error) => logger.warn(`a box given up left its cgroup: ${err.message}`));
}
