import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TIMING_STATUSES, TimingStatus } from '@wb/common';

export class TimedRunDto {
  @IsInt()
  @Min(0)
  seed!: number;

  @IsBoolean()
  passed!: boolean;

  @IsOptional()
  @IsNumber()
  @Min(0)
  timeMs?: number;

  @IsString()
  @MaxLength(2000)
  message!: string;
}

export class TimingFigureDto {
  @IsNumber()
  @Min(0)
  medianMs!: number;

  @IsNumber()
  @Min(0)
  minMs!: number;

  @IsNumber()
  @Min(0)
  maxMs!: number;

  @IsNumber()
  @Min(0)
  spread!: number;
}

export class DeviceFactsDto {
  @IsString()
  @MaxLength(200)
  model!: string;

  @IsIn(['gpu', 'cpu'])
  kind!: 'gpu' | 'cpu';

  @IsOptional()
  @IsString()
  @MaxLength(64)
  driver?: string;

  @IsOptional()
  @IsNumber()
  clockMhz?: number;

  @IsOptional()
  @IsNumber()
  temperatureC?: number;
}

/** A worker's report of one timed run (apps/gpu-worker/src/timing/timing-protocol.ts's outcome). */
export class TimingResultsDto {
  @IsIn(TIMING_STATUSES)
  status!: TimingStatus;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64 * 1024)
  compilerOutput?: string;

  @IsArray()
  @ArrayMaxSize(21)
  @ValidateNested({ each: true })
  @Type(() => TimedRunDto)
  runs!: TimedRunDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => TimingFigureDto)
  figure?: TimingFigureDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => DeviceFactsDto)
  deviceStart?: DeviceFactsDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => DeviceFactsDto)
  deviceEnd?: DeviceFactsDto;
}

/** A worker that could not finish a timed run (the job failed for good). */
export class TimingFailedDto {
  @IsString()
  @MaxLength(2000)
  reason!: string;
}
