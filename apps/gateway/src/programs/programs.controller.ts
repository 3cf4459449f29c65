import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@wb/common/http/openapi';
import { CurrentUser, SessionOrKeyAuth } from '../auth/auth.decorators';
import { LabsService } from '../labs/labs.service';
import { ProgramResponse, SavedProgramResponse } from './dto/program.response';
import { SaveProgramDto } from './dto/save-program.dto';
import { SaveProgramBody, SaveProgramPipe } from './dto/save-program.pipe';
import { ProgramsService } from './programs.service';
import type { RequestUser } from '../auth/authenticated-request';

@ApiTags('programs')
@Controller('mp/:mp_id')
@SessionOrKeyAuth()
@ApiErrors({ 404: 'There is no such lab.' })
export class ProgramsController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly labs: LabsService,
  ) {}

  @Get('program')
  @ApiOperation({ summary: "The student's saved program for the lab, or its template" })
  @ApiOkResponse({ type: ProgramResponse, description: 'The program to edit.' })
  async program(@Param('mp_id') mpId: string, @CurrentUser() user: RequestUser): Promise<ProgramResponse> {
    const mp = this.labs.require(mpId);
    const saved = await this.programs.find(user.id, mp.config.id);
    if (!saved) return { program: mp.template, revision: 0, savedAt: null, fromTemplate: true };
    return { program: saved.text, revision: saved.revision, savedAt: saved.savedAt, fromTemplate: false };
  }

  @Post('save')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Save the program (autosave)',
    description: 'With `revision`, the save is refused when another tab or client saved a later revision since.',
  })
  @ApiBody({ type: SaveProgramDto })
  @ApiOkResponse({ type: SavedProgramResponse, description: 'Saved.' })
  @ApiErrors({
    400: 'A field is missing or wrong, or the program contains a NUL character.',
    409: 'The program was saved elsewhere since `revision`; the body carries the current `revision`. Reload it first.',
    413: "The program is larger than the lab's `limits.program_bytes`.",
  })
  save(
    @Param('mp_id') mpId: string,
    // An interface, not the DTO class: the global ValidationPipe leaves it to SaveProgramPipe.
    @Body(SaveProgramPipe) body: SaveProgramBody,
    @CurrentUser() user: RequestUser,
  ): Promise<SavedProgramResponse> {
    return this.programs.save(user.id, this.labs.require(mpId), body.program, body.revision);
  }
}
