import { IsOptional, IsString, MaxLength } from 'class-validator';

export class GradeDto {
  /** The program to grade; without it, the saved one. */
  @IsOptional()
  @IsString()
  program?: string;

  /** The API key as a body field (API.md); read by {@link ApiKeyBodyMiddleware} before the guard. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  api_key?: string;
}
