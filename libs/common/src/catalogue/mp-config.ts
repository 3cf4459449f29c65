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

export const TOOLCHAINS = ['cuda', 'opencl', 'cpp'] as const;
export type Toolchain = (typeof TOOLCHAINS)[number];

export const OUTPUT_TYPES = ['vector', 'matrix', 'image', 'integral_vector', 'histogram', 'text', 'none'] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];

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

/** `mps/<slug>/mp.yaml`, as MP-FORMAT.md describes it. */
export class MpConfig {
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'id must be the lab folder slug (a-z, 0-9, -)' })
  id!: string;

  @IsString()
  @MaxLength(200)
  title!: string;

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

  @IsArray()
  @IsString({ each: true })
  includes: string[] = [];
}
