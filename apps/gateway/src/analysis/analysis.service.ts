import { HttpStatus, Injectable } from '@nestjs/common';
import { ANALYSIS_TITLES, AnalysisAction, analysisAvailable, ApiError, Attempt, Mp, toolchainSpec } from '@wb/common';
import { assertStorableProgram } from '../programs/programs.service';
import { SubmissionsService } from '../submissions/submissions.service';
import { AnalysisLimiter } from './analysis-limiter';
import type { RequestUser } from '../auth/authenticated-request';

/**
 * "Check memory" and "Profile": an attempt of kind `check` or `profile` on the lab's run queue,
 * on one public dataset (the one asked for, or the first for "all": a sanitizer run of every
 * dataset would hold the GPU for minutes and say the same thing).
 */
@Injectable()
export class AnalysisService {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly limiter: AnalysisLimiter,
  ) {}

  async request(user: RequestUser, mp: Mp, action: AnalysisAction, program: string, dataset: number): Promise<Attempt> {
    if (!analysisAvailable(mp.config.toolchain)) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        `${ANALYSIS_TITLES[action]} is for CUDA labs; lab "${mp.config.id}" is ${toolchainSpec(mp.config.toolchain).displayName}`,
      );
    }
    // Bad requests first: they must not cost the student the slot.
    assertStorableProgram(mp, program);
    const target = dataset === -1 ? mp.datasets.find((d) => !d.hidden)?.id : dataset;
    if (target === undefined || !mp.datasets.some((d) => d.id === target && !d.hidden)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, `lab "${mp.config.id}" has no public dataset ${dataset}`);
    }
    const waitMs = await this.limiter.tryAcquire(user.id, mp.config.id, action);
    if (waitMs > 0) {
      const every = Math.round(this.limiter.intervalMs(action) / 1000);
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        `${ANALYSIS_TITLES[action]} once every ${every} s per lab: wait ${Math.ceil(waitMs / 1000)} s`,
        { retryAfterMs: waitMs },
      );
    }
    try {
      // The run limiter does not apply: this action has its own, stricter one.
      return await this.submissions.submit(user, mp, program, target, { kind: action, limit: false });
    } catch (err) {
      await this.limiter.release(user.id, mp.config.id, action).catch(() => undefined);
      throw err;
    }
  }
}
