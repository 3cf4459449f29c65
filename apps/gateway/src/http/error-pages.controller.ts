import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { errorPage } from './error-page';

/** The error pages at fixed addresses (part of the HTTP contract: GET /404, GET /500). */
@ApiExcludeController() // pages
@Controller()
export class ErrorPagesController {
  @Get('404')
  notFound(@Res() res: Response): void {
    res.status(HttpStatus.NOT_FOUND).type('html').send(errorPage(404, 'There is nothing here.'));
  }

  @Get('500')
  serverError(@Res() res: Response): void {
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).type('html').send(errorPage(500, 'The server could not finish this request.'));
  }
}
