import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** The largest revision the `programs` table holds (a Postgres integer). */
export const MAX_REVISION = 2_147_483_647;

/**
 * An autosave's body, as documented and as class-validator would check it. The route itself
 * checks it with {@link SaveProgramPipe}, which answers exactly the same (its spec compares the
 * two) at a fraction of the cost: the save is the one route a whole class calls every few seconds.
 */
export class SaveProgramDto {
  @IsString()
  program!: string;

  /** The revision the client edited; a save based on an older one is refused (409). */
  @IsOptional()
  @Type(() => Number)
  @Min(0)
  @Max(MAX_REVISION)
  @IsInt() // the last decorator is checked first: its message leads
  revision?: number;
}
