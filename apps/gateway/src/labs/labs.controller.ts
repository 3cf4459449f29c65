import { Controller, Get, HttpStatus, Param, Req, Res } from '@nestjs/common';
import { ApiError } from '@wb/common';
import type { Request, Response } from 'express';
import { basename } from 'node:path';
import { AttemptsService } from '../attempts/attempts.service';
import { CurrentUser, SessionOrKeyAuth } from '../auth/auth.decorators';
import { wantsHtml } from '../http/wants-html';
import { labPage } from './lab-pages';
import { WorkerHealthReader } from '../workers/worker-health.reader';
import { GradesReader } from '../grading/grades-reader';
import { ProgramsService } from '../programs/programs.service';
import { DescriptionRenderer } from './description-renderer';
import { labInfo, publicDatasets } from './lab-view';
import { LabsService } from './labs.service';
import type { RequestUser } from '../auth/authenticated-request';

@Controller('mp/:mp_id')
@SessionOrKeyAuth()
export class LabsController {
  constructor(
    private readonly labs: LabsService,
    private readonly descriptions: DescriptionRenderer,
    private readonly programs: ProgramsService,
    private readonly attempts: AttemptsService,
    private readonly grades: GradesReader,
    private readonly workerHealth: WorkerHealthReader,
  ) {}

  /** The lab page, or (for JSON clients such as `wb`) what the lab is. */
  @Get()
  async lab(@Param('mp_id') mpId: string, @CurrentUser() user: RequestUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    const mp = this.labs.require(mpId);
    if (!wantsHtml(req)) return void res.json(labInfo(mp));
    const [saved, attempts, grade, served] = await Promise.all([
      this.programs.find(user.id, mpId),
      this.attempts.list(user.id, mpId, 50),
      this.grades.counting(user.id, mpId),
      this.workerHealth.isServed(mp.config.toolchain),
    ]);
    const data = {
      descriptionHtml: this.descriptions.render(mp),
      program: saved?.text ?? mp.template,
      attempts,
      grade,
      noLiveWorker: !served,
    };
    res.type('html').send(labPage(mp, data, user));
  }

  @Get('description')
  description(@Param('mp_id') mpId: string, @Res() res: Response): void {
    res.type('html').send(this.descriptions.render(this.labs.require(mpId)));
  }

  @Get('datasets')
  datasets(@Param('mp_id') mpId: string) {
    return publicDatasets(this.labs.require(mpId)).map((d) => ({
      id: d.id,
      name: d.name,
      files: [...d.inputs, d.expected].map((f) => basename(f)),
    }));
  }

  /** One file of a public dataset, for local development. Hidden datasets never leave the server. */
  @Get('datasets/:dataset_id/:file')
  datasetFile(
    @Param('mp_id') mpId: string,
    @Param('dataset_id') datasetId: string,
    @Param('file') file: string,
    @Res() res: Response,
  ): void {
    const dataset = publicDatasets(this.labs.require(mpId)).find((d) => String(d.id) === datasetId);
    // Only a name from the catalogue's own list is served, so no path from the request reaches the disk.
    const path = dataset && [...dataset.inputs, dataset.expected].find((f) => basename(f) === file);
    if (!path) throw new ApiError(HttpStatus.NOT_FOUND, `lab "${mpId}" has no public dataset file ${datasetId}/${file}`);
    res.attachment(file);
    res.sendFile(path, { dotfiles: 'deny', headers: { 'content-type': 'application/octet-stream' } });
  }
}
