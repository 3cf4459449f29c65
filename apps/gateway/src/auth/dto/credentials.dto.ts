import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class SignupDto {
  @IsString()
  @Matches(/^[a-z0-9_.-]{3,32}$/, { message: 'user must be 3–32 characters of a-z, 0-9, _, . and -' })
  user!: string;

  @IsString()
  @MinLength(8, { message: 'pass must be at least 8 characters' })
  @MaxLength(1024)
  pass!: string;
}

export class LoginDto {
  @IsString()
  @MaxLength(64)
  user!: string;

  @IsString()
  @MaxLength(1024)
  pass!: string;

  /** Where a form login returns to; honoured only for a local path. */
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  next?: string;
}
