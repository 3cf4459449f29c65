import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';

export class SaveProgramDto {
  @IsString()
  program!: string;

  /** The revision the client edited; a save based on an older one is refused (409). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  revision?: number;
}
