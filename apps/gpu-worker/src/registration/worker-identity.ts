import { Injectable } from '@nestjs/common';

/** Who this worker is at the gateway: its name, and the id it was given on registering. */
@Injectable()
export class WorkerIdentity {
  id: string | null = null;
  name: string | null = null;
}
