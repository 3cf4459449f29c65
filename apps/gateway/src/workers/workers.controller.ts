import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, OUTAGE } from '@wb/common/http/openapi';
import { WorkerTokenAuth } from '@wb/common/http/worker-token-auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SessionAuth } from '../auth/auth.decorators';
import { wantsHtml } from '../http/wants-html';
import { RegisterWorkerDto } from './dto/register-worker.dto';
import { HeartbeatResponse, RegisteredWorkerResponse } from './dto/worker.response';
import { WorkersService } from './workers.service';
import { redirectTo } from '../http/reply';

@ApiTags('workers')
@Controller()
export class WorkersController {
  constructor(private readonly workers: WorkersService) {}

  @Post('worker/register')
  @WorkerTokenAuth()
  @ApiOperation({
    summary: 'A worker registers at start: by name, so a restarted worker keeps its row and comes back `up`',
  })
  @ApiCreatedResponse({ type: RegisteredWorkerResponse, description: 'Registered (again, for a known name).' })
  @ApiErrors({ 400: 'A field is missing or wrong (the message names it).', 503: OUTAGE })
  async register(@Body() dto: RegisterWorkerDto): Promise<RegisteredWorkerResponse> {
    return { id: await this.workers.register(dto) };
  }

  /**
   * Beyond the original API: the worker's liveness signal; 404 tells a worker to register again. The
   * answer's `status` is how a worker marked down learns to pause its consumers (and to resume).
   */
  @Post('worker/:id/heartbeat')
  @WorkerTokenAuth()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "A worker's liveness signal, every 10 s" })
  @ApiOkResponse({ type: HeartbeatResponse, description: 'Noted.' })
  @ApiErrors({ 404: 'No such worker: register again.', 503: OUTAGE })
  heartbeat(@Param('id') id: string): Promise<HeartbeatResponse> {
    return this.workers.heartbeat(id);
  }

  /** Beyond the original API: a worker stopping gracefully leaves the rotation at once. */
  @Post('worker/:id/deregister')
  @WorkerTokenAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'A worker stopping gracefully leaves the rotation (`stopped`)' })
  @ApiNoContentResponse({ description: 'Deregistered.' })
  @ApiErrors({ 404: 'No such worker.', 503: OUTAGE })
  deregister(@Param('id') id: string): Promise<void> {
    return this.workers.deregister(id);
  }

  /** JSON for tools; a browser is sent to the staff page that shows the same list. */
  @Get('workers')
  @SessionAuth('staff', 'admin')
  @ApiOperation({ summary: 'Every worker: status, toolchains, GPU, last heartbeat, open incident, running jobs' })
  @ApiOkResponse({ description: 'Each worker with `openIncident` (or null) and `jobs`, the attempts it runs now.' })
  @ApiResponse({ status: 303, description: 'A browser (Accept: text/html) is sent to the workers page, /admin/workers.' })
  async list(@Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    if (wantsHtml(req)) return redirectTo(res, '/admin/workers');
    res.send(await this.workers.list());
  }

  /** One worker with its log and health history; a browser gets the staff page. */
  @Get('worker/:id')
  @SessionAuth('staff', 'admin')
  @ApiOperation({ summary: 'One worker with its recent log lines, probes and incidents' })
  @ApiOkResponse({ description: 'The worker as in the list, with `log`, `probes` and `incidents`.' })
  @ApiResponse({ status: 303, description: "A browser (Accept: text/html) is sent to the worker's page, /admin/workers/{id}." })
  @ApiErrors({ 404: 'There is no such worker.' })
  async detail(@Param('id') id: string, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    const worker = await this.workers.detail(id);
    if (wantsHtml(req)) return redirectTo(res, `/admin/workers/${worker.id}`);
    res.send(worker);
  }
}
