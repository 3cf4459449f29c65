import { Type } from 'class-transformer';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, Max, Min } from 'class-validator';

/** Pairs shown from this similarity up (a fraction, 0 to 1). */
export const DEFAULT_THRESHOLD = 0.6;

const MESSAGE = 'threshold must be a number from 0 to 1 (e.g. 0.6)';

export class ThresholdQuery {
  @ApiPropertyOptional({ description: 'Pairs shown from this similarity up (a fraction, 0 to 1).' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: MESSAGE })
  @Min(0, { message: MESSAGE })
  @Max(1, { message: MESSAGE })
  threshold: number = DEFAULT_THRESHOLD;
}
