import { IsString, Matches, MaxLength } from 'class-validator';

/** Why staff take a figure off the leaderboard; the student and the audit log see it. */
export class HideTimingDto {
  @IsString()
  @MaxLength(500)
  @Matches(/\S/, { message: 'reason must say why the figure is hidden' })
  reason!: string;
}
