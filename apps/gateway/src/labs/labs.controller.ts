import { Controller, Get, HttpStatus, Param, Req, Res } from '@nestjs/common';
import { ApiError, AppConfig, toolchainSpec } from '@wb/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@wb/common/http/openapi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { basename } from 'node:path';
import { visibleAttempt } from '../attempts/attempt-visibility';
import { AttemptsService } from '../attempts/attempts.service';
import { CurrentUser, SessionOrKeyAuth } from '../auth/auth.decorators';
import { ApiJsonOrPage } from '../http/openapi-decorators';
import { wantsHtml } from '../http/wants-html';
import { labPage } from './lab-pages';
import { WorkerHealthReader } from '../workers/worker-health.reader';
import { GradesReader } from '../grading/grades-reader';
import { ProgramsService } from '../programs/programs.service';
import { DescriptionRenderer } from './description-renderer';
import { labInfo, publicDatasets } from './lab-view';
import { LabsService } from './labs.service';
import type { RequestUser } from '../auth/authenticated-request';
import { sendFileDownload, sendHtml } from '../http/reply';

@ApiTags('labs')
@Controller('mp/:mp_id')
@SessionOrKeyAuth()
@ApiErrors({ 404: 'There is no such lab.' })
export class LabsController {
  constructor(
    private readonly labs: LabsService,
    private readonly descriptions: DescriptionRenderer,
    private readonly programs: ProgramsService,
    private readonly attempts: AttemptsService,
    private readonly grades: GradesReader,
    private readonly workerHealth: WorkerHealthReader,
    private readonly config: AppConfig,
  ) {}

  /** The lab page, or (for JSON clients such as `wb`) what the lab is. */
  @Get()
  @ApiOperation({ summary: 'What the lab is: toolchain, limits, public datasets, and how to build it locally' })
  @ApiJsonOrPage('the lab page (description, editor, attempts, grade)', {
    description:
      '`{id, title, order, toolchain, device, language, deadline, outputType, tolerance, compileFlags, build, limits: {compileS, runS, programBytes}, datasets}`; `build` is how the `wb` client compiles it as a worker does.',
  })
  async lab(
    @Param('mp_id') mpId: string,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const mp = this.labs.require(mpId);
    if (!wantsHtml(req)) return void res.send(labInfo(mp));
    const [saved, attempts, grade, attemptGrades, served] = await Promise.all([
      this.programs.find(user.id, mpId),
      this.attempts.list(user.id, mpId, 50),
      this.grades.counting(user.id, mpId),
      this.grades.history(user.id, mpId),
      this.workerHealth.isServed(mp.config.toolchain),
    ]);
    const data = {
      descriptionHtml: this.descriptions.render(mp),
      program: saved?.text ?? mp.template,
      // The attempts table summarizes each run: a hidden dataset's must say no more than its verdict.
      attempts: attempts.map((a) => visibleAttempt(a, mp, user)),
      grade,
      attemptGrades,
      noLiveWorker: !served,
      submitIntervalMs: this.config.SUBMIT_INTERVAL_MS,
    };
    sendHtml(res, labPage(mp, data, user));
  }

  /**
   * Whether a worker serves the lab now: the lab page asks it while its Run is off, to turn Run
   * back on when one is back. Cached a few seconds per process, whoever asks.
   */
  @Get('availability')
  @ApiOperation({ summary: 'Whether a worker serves the lab now (cached a few seconds)' })
  @ApiOkResponse({ description: "`{served, device}`: `device` is the lab's toolchain's, `cpu` or `gpu`." })
  async availability(@Param('mp_id') mpId: string) {
    const mp = this.labs.require(mpId);
    return { served: await this.workerHealth.isServedLately(mp.config.toolchain), device: toolchainSpec(mp.config.toolchain).device };
  }

  @Get('description')
  @ApiOperation({ summary: "The lab's description as HTML (Markdown rendered, raw HTML escaped)" })
  @ApiOkResponse({ description: 'An HTML fragment.', content: { 'text/html': { schema: { type: 'string' } } } })
  description(@Param('mp_id') mpId: string, @Res() res: FastifyReply): void {
    sendHtml(res, this.descriptions.render(this.labs.require(mpId)));
  }

  @Get('datasets')
  @ApiOperation({ summary: "The lab's public datasets and their files" })
  @ApiOkResponse({ description: 'Each as `{id, name, files}`: the input files and the expected output. Hidden datasets are never listed.' })
  datasets(@Param('mp_id') mpId: string) {
    return publicDatasets(this.labs.require(mpId)).map((d) => ({
      id: d.id,
      name: d.name,
      files: [...d.inputs, d.expected].map((f) => basename(f)),
    }));
  }

  /** One file of a public dataset, for local development. Hidden datasets never leave the server. */
  @Get('datasets/:dataset_id/:file')
  @ApiOperation({ summary: 'One file of a public dataset, for local development' })
  @ApiOkResponse({
    description: 'The file, as an attachment.',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors({ 404: 'There is no such lab, or no such file in a public dataset of it.' })
  datasetFile(
    @Param('mp_id') mpId: string,
    @Param('dataset_id') datasetId: string,
    @Param('file') file: string,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const dataset = publicDatasets(this.labs.require(mpId)).find((d) => String(d.id) === datasetId);
    // Only a name from the catalogue's own list is served, so no path from the request reaches the disk.
    const path = dataset && [...dataset.inputs, dataset.expected].find((f) => basename(f) === file);
    if (!path) throw new ApiError(HttpStatus.NOT_FOUND, `lab "${mpId}" has no public dataset file ${datasetId}/${file}`);
    return sendFileDownload(res, path, file);
  }
}
