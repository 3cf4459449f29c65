import { IsOptional, IsString, MaxLength } from 'class-validator';

export class GradeDto {
  /** The program to grade; without it, the saved one. */
  @IsOptional()
  @IsString()
  program?: string;

  /** The API key may come as a body field instead of a header; read by {@link ApiKeyBodyMiddleware} before the guard. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  api_key?: string;
}
