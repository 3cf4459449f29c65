import { IsOptional, IsString, MaxLength } from 'class-validator';

export class GradeDto {
  /** The program to grade; without it, the saved one. */
  @IsOptional()
  @IsString()
  program?: string;

  /** The API key, for a client that cannot send `Authorization: Bearer` (the auth guard reads it when no Authorization header came). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  api_key?: string;
}
