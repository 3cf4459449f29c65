import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@wb/common/http/openapi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { asAttachment, sendFileDownload, sendWithEtag } from '../http/reply';
import { ClientDownloads } from './client-downloads';

/**
 * The `wb` client and libwb as this server built them, for a student's own machine. Public:
 * nothing in them is secret (the client asks for the API key when it logs in), and `curl` fetches
 * them without one.
 */
@ApiTags('downloads')
@Controller('downloads')
export class DownloadsController {
  constructor(private readonly downloads: ClientDownloads) {}

  @Get('wb')
  @ApiOperation({ summary: "The `wb` command-line client, built for this server's platform" })
  @ApiOkResponse({
    description: 'The executable, as an attachment named `wb`.',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors({ 404: 'This server has not built the client.' })
  client(@Res() res: FastifyReply): Promise<void> {
    return sendFileDownload(res, this.downloads.clientPath(), 'wb');
  }

  @Get('libwb.tar.gz')
  @ApiOperation({ summary: 'libwb: its headers and static libraries, for `WB_LIBWB`' })
  @ApiOkResponse({
    description: 'A .tar.gz of `libwb/include/*.h` and `libwb/build/*.a`.',
    content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors({ 404: 'This server has not built libwb.' })
  async libwb(@Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    const archive = await this.downloads.libwbArchive();
    sendWithEtag(req, asAttachment(res, 'libwb.tar.gz').type('application/gzip'), archive);
  }
}
