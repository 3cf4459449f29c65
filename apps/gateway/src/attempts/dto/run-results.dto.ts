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
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { FINAL_STATUSES, RunResultsReport, RunVerdict } from '@wb/common';

/** A worker reports progress or a verdict; `cancelled` is a staff member's decision, never a worker's. */
const REPORTABLE = ['compiling', 'running', ...FINAL_STATUSES.filter((s) => s !== 'cancelled')] as const;
const RUN_VERDICTS = FINAL_STATUSES.filter((s) => !['rejected', 'compile_error', 'compile_timeout', 'cancelled'].includes(s));
/**
 * Workers cap what they send (REPORT_LIMITS, well below these); these bounds keep a broken
 * worker from bloating the database. The content itself is never a reason to refuse a report:
 * NUL, invalid UTF-8 and control characters are made safe when it is applied.
 */
const MAX_TEXT = 1024 * 1024;

export class MismatchDto {
  @IsInt() @Min(0) index!: number;
  @IsOptional() @IsString() @MaxLength(1024) where?: string;
  @IsString() @MaxLength(1024) expected!: string;
  @IsString() @MaxLength(1024) actual!: string;
  @IsOptional() @IsNumber() difference?: number;
}

export class MismatchesDto {
  @IsInt()
  @Min(0)
  total!: number;

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MismatchDto)
  first!: MismatchDto[];
}

export class DatasetResultDto {
  @IsInt()
  @Min(0)
  dataset!: number;

  @IsIn(RUN_VERDICTS)
  status!: RunVerdict;

  @IsBoolean()
  passed!: boolean;

  @IsString()
  @MaxLength(64 * 1024)
  message!: string;

  @IsNumber()
  @Min(0)
  timeMs!: number;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  output?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  outputBytes?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => MismatchesDto)
  mismatches?: MismatchesDto;
}

export class LibwbTimerDto {
  @IsString() @MaxLength(32) kind!: string;
  @IsString() @MaxLength(8192) message!: string;
  @IsNumber() elapsedMs!: number;
  @IsOptional() @IsInt() parent!: number | null;
  @IsOptional() @IsInt() @Min(0) dataset?: number;
}

export class LibwbLogDto {
  @IsString() @MaxLength(16) level!: string;
  @IsString() @MaxLength(8192) message!: string;
  @IsString() @MaxLength(1024) file!: string;
  @IsInt() line!: number;
  @IsOptional() @IsInt() @Min(0) dataset?: number;
}

export class RunResultsDto implements RunResultsReport {
  @IsUUID()
  attemptId!: string;

  @IsOptional()
  @IsUUID()
  workerId?: string;

  @IsIn(REPORTABLE)
  status!: RunResultsReport['status'];

  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  compilerOutput?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  compilerOutputBytes?: number;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  output?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  outputBytes?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => DatasetResultDto)
  results?: DatasetResultDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => LibwbTimerDto)
  timers?: LibwbTimerDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => LibwbLogDto)
  logs?: LibwbLogDto[];
}
