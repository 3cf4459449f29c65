import { Type } from 'class-transformer';
import { IsNumber, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class OverrideGradeDto {
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'score must be a number' })
  @Min(0)
  @Max(100_000)
  score!: number;

  /** Kept in the audit trail: an override without a reason cannot be reviewed later. */
  @IsString()
  @MinLength(3, { message: 'reason must say why the grade changes (3 characters or more)' })
  @MaxLength(2000)
  reason!: string;
}
