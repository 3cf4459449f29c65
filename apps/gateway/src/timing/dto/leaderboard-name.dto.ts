import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** The student's leaderboard name: a name to show, or none (empty or absent) to be listed as anonymous. */
export class LeaderboardNameDto {
  @IsOptional()
  @IsString()
  @MaxLength(40, { message: 'displayName must be at most 40 characters' })
  @Matches(/^[^\p{C}]*$/u, { message: 'displayName must have no control characters' })
  displayName?: string;
}
