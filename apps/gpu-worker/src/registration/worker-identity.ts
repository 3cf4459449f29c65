import { Injectable } from '@nestjs/common';

/** The id the gateway gave this worker when it registered (null until then). */
@Injectable()
export class WorkerIdentity {
  id: string | null = null;
}
