import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CancelAttemptDto {
  /** Shown to the student with the cancelled attempt, and kept in the audit log. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
