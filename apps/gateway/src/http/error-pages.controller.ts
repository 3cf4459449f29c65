import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { errorPage } from './error-page';
import { sendHtml } from './reply';

/** The error pages at fixed addresses (part of the HTTP contract: GET /404, GET /500). */
@ApiExcludeController() // pages
@Controller()
export class ErrorPagesController {
  @Get('404')
  notFound(@Res() res: FastifyReply): void {
    sendHtml(res, errorPage(404, 'There is nothing here.'), HttpStatus.NOT_FOUND);
  }

  @Get('500')
  serverError(@Res() res: FastifyReply): void {
    sendHtml(res, errorPage(500, 'The server could not finish this request.'), HttpStatus.INTERNAL_SERVER_ERROR);
  }
}
