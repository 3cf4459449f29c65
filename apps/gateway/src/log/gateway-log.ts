import { RecentLogLogger } from '@wb/common';

/**
 * The gateway's logger, made before the application (main.ts hands it to Nest) so that the
 * lines of the start itself are kept too; GET /log shows what it kept.
 */
export const gatewayLog = new RecentLogLogger();
