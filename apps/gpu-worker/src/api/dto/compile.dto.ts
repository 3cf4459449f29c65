import { Type } from 'class-transformer';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';

export class CompileDto {
  @IsString()
  @MaxLength(1024 * 1024)
  program!: string;

  @Type(() => Number)
  @IsInt()
  @Min(-1)
  dataset!: number;
}
