import { Module } from '@nestjs/common';
import { ClientDownloads } from './client-downloads';
import { DownloadsController } from './downloads.controller';

/** The local client and libwb, built by the platform, served for students' machines. */
@Module({
  controllers: [DownloadsController],
  providers: [ClientDownloads],
  exports: [ClientDownloads],
})
export class DownloadsModule {}
