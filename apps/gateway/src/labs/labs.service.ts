import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, CatalogueService, Mp } from '@wb/common';

/** The catalogue as the gateway's routes see it: an unknown lab is a 404. */
@Injectable()
export class LabsService {
  constructor(private readonly catalogue: CatalogueService) {}

  require(mpId: string): Mp {
    const mp = this.catalogue.find(mpId);
    if (!mp) throw new ApiError(HttpStatus.NOT_FOUND, `there is no lab "${mpId}"`);
    return mp;
  }

  all(): Mp[] {
    return this.catalogue.all();
  }
}
