import { InitialSchema1764130000000 } from './1764130000000-initial-schema';

/** Every migration, oldest first. */
export const MIGRATIONS = [InitialSchema1764130000000];
