import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { WorkerStatus, WorkerTokenGuard } from '@wb/common';
import type { Request, Response } from 'express';
import { SessionAuth } from '../auth/auth.decorators';
import { wantsHtml } from '../http/wants-html';
import { RegisterWorkerDto } from './dto/register-worker.dto';
import { WorkersService } from './workers.service';

@Controller()
export class WorkersController {
  constructor(private readonly workers: WorkersService) {}

  @Post('worker/register')
  @UseGuards(WorkerTokenGuard)
  async register(@Body() dto: RegisterWorkerDto): Promise<{ id: string }> {
    return { id: await this.workers.register(dto) };
  }

  /**
   * Beyond the original API: the worker's liveness signal; 404 tells a worker to register again. The
   * answer's `status` is how a worker marked down learns to pause its consumers (and to resume).
   */
  @Post('worker/:id/heartbeat')
  @UseGuards(WorkerTokenGuard)
  @HttpCode(HttpStatus.OK)
  heartbeat(@Param('id') id: string): Promise<{ status: WorkerStatus }> {
    return this.workers.heartbeat(id);
  }

  /** Beyond the original API: a worker stopping gracefully leaves the rotation at once. */
  @Post('worker/:id/deregister')
  @UseGuards(WorkerTokenGuard)
  @HttpCode(HttpStatus.NO_CONTENT)
  deregister(@Param('id') id: string): Promise<void> {
    return this.workers.deregister(id);
  }

  /** JSON for tools; a browser is sent to the staff page that shows the same list. */
  @Get('workers')
  @SessionAuth('staff', 'admin')
  async list(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (wantsHtml(req)) return res.redirect(303, '/admin/workers');
    res.json(await this.workers.list());
  }

  /** One worker with its log and health history; a browser gets the staff page. */
  @Get('worker/:id')
  @SessionAuth('staff', 'admin')
  async detail(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const worker = await this.workers.detail(id);
    if (wantsHtml(req)) return res.redirect(303, `/admin/workers/${worker.id}`);
    res.json(worker);
  }
}
