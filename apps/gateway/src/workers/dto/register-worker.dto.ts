import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { Toolchain, TOOLCHAINS } from '@wb/common';

export class RegisterWorkerDto {
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{1,128}$/, { message: 'name must be 1–128 characters of letters, digits, _ . : -' })
  name!: string;

  @IsUrl({ require_tld: false, require_protocol: true })
  url!: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsIn(TOOLCHAINS, { each: true })
  toolchains!: Toolchain[];

  @IsOptional()
  @IsString()
  @MaxLength(256)
  gpu?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  version?: string;

  /** The worker's `/is_gpu_alive` means something (a CUDA device, or a site GPU_PROBE_COMMAND): the notifier probes it. */
  @IsOptional()
  @IsBoolean()
  gpuProbe?: boolean;
}
