import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { SessionAuth } from '../auth/auth.decorators';
import { RegisterWorkerDto } from './dto/register-worker.dto';
import { WorkerTokenGuard } from '@wb/common';
import { WorkersService } from './workers.service';

@Controller()
export class WorkersController {
  constructor(private readonly workers: WorkersService) {}

  @Post('worker/register')
  @UseGuards(WorkerTokenGuard)
  async register(@Body() dto: RegisterWorkerDto): Promise<{ id: string }> {
    return { id: await this.workers.register(dto) };
  }

  /** Beyond API.md: the worker's liveness signal; 404 tells a worker to register again. */
  @Post('worker/:id/heartbeat')
  @UseGuards(WorkerTokenGuard)
  @HttpCode(HttpStatus.NO_CONTENT)
  heartbeat(@Param('id') id: string): Promise<void> {
    return this.workers.heartbeat(id);
  }

  /** Beyond API.md: a worker stopping gracefully leaves the rotation at once. */
  @Post('worker/:id/deregister')
  @UseGuards(WorkerTokenGuard)
  @HttpCode(HttpStatus.NO_CONTENT)
  deregister(@Param('id') id: string): Promise<void> {
    return this.workers.deregister(id);
  }

  @Get('workers')
  @SessionAuth('staff', 'admin')
  list() {
    return this.workers.list();
  }
}
