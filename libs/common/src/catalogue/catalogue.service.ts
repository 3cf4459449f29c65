import { Injectable, Logger } from '@nestjs/common';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { loadMp, Mp } from './mp-loader';

/**
 * The labs in `mps/`, loaded and validated once at start: a broken lab stops the app with the
 * lab and field named rather than failing a student's submission later.
 */
@Injectable()
export class CatalogueService {
  private readonly logger = new Logger(CatalogueService.name);
  private readonly mps: ReadonlyMap<string, Mp>;

  constructor(config: AppConfig) {
    this.mps = loadCatalogue(config.mpsPath);
    this.logger.log(`loaded ${this.mps.size} lab(s) from ${config.mpsPath}: ${[...this.mps.keys()].join(', ')}`);
  }

  find(mpId: string): Mp | undefined {
    return this.mps.get(mpId);
  }

  /** Every lab in course order (see {@link byCourseOrder}). */
  all(): Mp[] {
    return [...this.mps.values()].sort(byCourseOrder);
  }
}

/** Labs as a course takes them: by mp.yaml's `order`, then by title; labs without an order last. */
export function byCourseOrder(a: Mp, b: Mp): number {
  const place = (mp: Mp) => mp.config.order ?? Number.POSITIVE_INFINITY;
  return place(a) - place(b) || a.config.title.localeCompare(b.config.title);
}

export function loadCatalogue(mpsPath: string): Map<string, Mp> {
  const mps = new Map<string, Mp>();
  // `_`-prefixed folders hold what labs share (generator helpers), not labs.
  const slugs = readdirSync(mpsPath, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(mpsPath, d.name, 'mp.yaml')))
    .map((d) => d.name)
    .sort();
  for (const slug of slugs) mps.set(slug, loadMp(join(mpsPath, slug), slug));
  return mps;
}
