import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OUTPUT_TYPES, OutputType } from '@wb/judge';
import { Toolchain, TOOLCHAINS } from '../toolchains/toolchain-specs';

export class DatasetConfig {
  @IsInt()
  @Min(0)
  id!: number;

  @IsString()
  @MaxLength(120)
  name!: string;

  /** Hidden datasets are used only for grading: never listed, served or run on request. */
  @IsBoolean()
  hidden = false;

  @IsNumber()
  @Min(0)
  points = 0;
}

export class CompileConfig {
  @IsArray()
  @IsString({ each: true })
  @Matches(/^-[A-Za-z0-9_=.,+\-/]+$/, { each: true, message: 'each compile flag must be one option such as -O2' })
  flags: string[] = [];
}

export class LimitsConfig {
  @IsNumber()
  @Min(1)
  @Max(120)
  compile_s = 10;

  @IsNumber()
  @Min(0.1)
  @Max(60)
  run_s = 3;

  @IsInt()
  @Min(1024)
  output_bytes = 16 * 1024 * 1024;

  @IsInt()
  @Min(256)
  program_bytes = 64 * 1024;
}

export class RequiredKeyword {
  @IsString()
  @Matches(/^[A-Za-z_][A-Za-z0-9_]*$/)
  keyword!: string;

  @IsNumber()
  @Min(0)
  points = 0;
}

export class KeywordsConfig {
  @IsArray()
  @Matches(/^[A-Za-z_][A-Za-z0-9_]*$/, { each: true })
  forbid: string[] = [];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RequiredKeyword)
  require: RequiredKeyword[] = [];
}

export class RubricConfig {
  /** Points for a program that compiles (and passes the keyword check). */
  @IsNumber()
  @Min(0)
  compile_points = 0;
}

export const LATE_POLICIES = ['none', 'penalty', 'cutoff'] as const;
export type LatePolicy = (typeof LATE_POLICIES)[number];

/** What a grade after `deadline` is worth: full (none), less per started day (penalty), or 0 (cutoff). */
export class LateConfig {
  @IsIn(LATE_POLICIES)
  policy: LatePolicy = 'none';

  /** The fraction of the score lost per started day late, for `policy: penalty`. */
  @IsNumber()
  @Min(0)
  @Max(1)
  penalty_per_day = 0.1;
}

export const GRADING_MODES = ['best', 'last'] as const;
export type GradingMode = (typeof GRADING_MODES)[number];

/**
 * `performance:` in mp.yaml: the lab offers timed runs and a leaderboard. A timed run compiles
 * the program once and runs it `runs` times, each time on fresh inputs that the lab's generator
 * makes for `dataset` with a new seed; the figure is the median of libwb's Compute/GPU timers.
 */
export class PerformanceConfig {
  /** The dataset (by id) whose generator recipe makes the timed inputs: usually the largest. */
  @IsInt()
  @Min(0)
  dataset!: number;

  @IsInt()
  @Min(1)
  @Max(21)
  runs = 5;

  /** The share the SM clock may move between the first and the last run before the figure is marked unstable. */
  @IsNumber()
  @Min(0)
  @Max(1)
  max_clock_drift = 0.1;

  /** How long a student waits between two timed runs of this lab. */
  @IsNumber()
  @Min(0)
  @Max(1440)
  cooldown_minutes = 10;
}

/** One message for every way `order` can be wrong (a string breaks all three rules at once). */
const ORDER_RULE = "order must be a whole number from 0 to 1000000: the lab's place in the course, smaller first";

/** `mps/<slug>/mp.yaml`, as mps/README.md describes it. */
export class MpConfig {
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'id must be the lab folder slug (a-z, 0-9, -)' })
  id!: string;

  @IsString()
  @MaxLength(200)
  title!: string;

  /** The lab's place in the course: lists show labs by it, then by title; labs without one come last. */
  @IsOptional()
  @IsInt({ message: ORDER_RULE })
  @Min(0, { message: ORDER_RULE })
  @Max(1_000_000, { message: ORDER_RULE })
  order?: number;

  @IsIn(TOOLCHAINS)
  toolchain!: Toolchain;

  @IsString()
  language!: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  deadline?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => DatasetConfig)
  datasets!: DatasetConfig[];

  @IsIn(OUTPUT_TYPES)
  output_type!: OutputType;

  @IsOptional()
  @IsNumber()
  @Min(0)
  tolerance?: number;

  @ValidateNested()
  @Type(() => CompileConfig)
  compile: CompileConfig = new CompileConfig();

  @ValidateNested()
  @Type(() => LimitsConfig)
  limits: LimitsConfig = new LimitsConfig();

  @ValidateNested()
  @Type(() => KeywordsConfig)
  keywords: KeywordsConfig = new KeywordsConfig();

  /** Headers a program may include besides the C and C++ standard ones, libwb's and the toolchain's. */
  @IsArray()
  @IsString({ each: true })
  includes: string[] = [];

  /** Narrows the headers to `includes` alone: the standard, libwb and toolchain headers are not allowed then. */
  @IsBoolean()
  includes_only = false;

  @ValidateNested()
  @Type(() => RubricConfig)
  rubric: RubricConfig = new RubricConfig();

  @ValidateNested()
  @Type(() => LateConfig)
  late: LateConfig = new LateConfig();

  /** Which of a student's grades counts: the best one, or the last one. */
  @IsIn(GRADING_MODES)
  grading: GradingMode = 'best';

  /** Send every new counting grade to the course platform without the student asking. */
  @IsBoolean()
  passback_auto = false;

  /** Timed runs and a leaderboard; absent: the lab offers neither. */
  @IsOptional()
  @ValidateNested()
  @Type(() => PerformanceConfig)
  performance?: PerformanceConfig;
}
