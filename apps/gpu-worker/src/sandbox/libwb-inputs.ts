import { isAbsolute } from 'node:path';

/**
 * The dataset input files of a libwb command line (`-i in0,in1,...`, the original libwb's
 * flags), for a run whose spec does not list its read-only paths. Only these files enter the
 * box, never their folder: the expected output lies beside them.
 */
export function libwbInputs(args: string[]): string[] {
  const at = args.indexOf('-i');
  if (at < 0 || at + 1 >= args.length) return [];
  return args[at + 1].split(',').filter((p) => p !== '' && isAbsolute(p));
}
