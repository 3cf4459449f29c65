import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CurrentUser, SessionOrKeyAuth } from '../auth/auth.decorators';
import { LabsService } from '../labs/labs.service';
import { SaveProgramDto } from './dto/save-program.dto';
import { ProgramsService } from './programs.service';
import type { RequestUser } from '../auth/authenticated-request';

@Controller('mp/:mp_id')
@SessionOrKeyAuth()
export class ProgramsController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly labs: LabsService,
  ) {}

  @Get('program')
  async program(@Param('mp_id') mpId: string, @CurrentUser() user: RequestUser) {
    const mp = this.labs.require(mpId);
    const saved = await this.programs.find(user.id, mp.config.id);
    if (!saved) return { program: mp.template, revision: 0, savedAt: null, fromTemplate: true };
    return { program: saved.text, revision: saved.revision, savedAt: saved.savedAt, fromTemplate: false };
  }

  @Post('save')
  @HttpCode(HttpStatus.OK)
  save(@Param('mp_id') mpId: string, @Body() dto: SaveProgramDto, @CurrentUser() user: RequestUser) {
    return this.programs.save(user.id, this.labs.require(mpId), dto.program, dto.revision);
  }
}
