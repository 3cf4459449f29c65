import { IsOptional, IsString, MaxLength } from 'class-validator';

export class GradeDto {
  /** The program to grade; without it, the saved one. */
  @IsOptional()
  @IsString()
  program?: string;

  /** The API key, for a client that cannot send `Authorization: Bearer` (read before the guard, by ApiKeyBodyMiddleware). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  api_key?: string;
}
