import { HttpStatus } from '@nestjs/common';
import { ApiError, Mp } from '@wb/common';
import { basename, extname } from 'node:path';

/** Files one import may carry: a whole term of a large course, in one form. */
export const MAX_ARCHIVE_FILES = 2_000;

const TERM = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;
const AUTHOR_MAX = 128;

/** One uploaded file of the import form: its name as the browser sent it, and its bytes. */
export interface UploadedProgram {
  filename: string;
  buffer: Buffer;
}

/** An earlier term's programs, checked: one per author, each UTF-8 text within the lab's program limit. */
export interface ArchiveUpload {
  term: string;
  programs: { author: string; program: string }[];
}

/**
 * Turns an import form (a term and the term's program files) into an {@link ArchiveUpload}, or
 * a 4xx naming the field or the file that is wrong. Each file's name, without its extension, is
 * its author: a term exported as one file per student imports as it is.
 */
export function parseArchiveUpload(mp: Mp, term: unknown, files: UploadedProgram[] | undefined): ArchiveUpload {
  if (typeof term !== 'string' || !TERM.test(term.trim()))
    throw new ApiError(
      HttpStatus.BAD_REQUEST,
      'term must be 1 to 64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit (e.g. "fa25")',
    );
  if (!files?.length)
    throw new ApiError(HttpStatus.BAD_REQUEST, 'send the term\'s programs as multipart/form-data files in the field "programs"');
  const limit = mp.config.limits.program_bytes;
  const seen = new Map<string, string>();
  const programs = files.map((file) => {
    const name = file.filename;
    const author = basename(name, extname(name)).trim();
    if (!author || author.length > AUTHOR_MAX)
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        `"${name}": a file's name (its author) must be 1 to ${AUTHOR_MAX} characters before the extension`,
      );
    if (seen.has(author))
      throw new ApiError(HttpStatus.BAD_REQUEST, `"${seen.get(author)}" and "${name}" are both by "${author}": one file per author`);
    seen.set(author, name);
    if (file.buffer.length > limit)
      throw new ApiError(
        HttpStatus.PAYLOAD_TOO_LARGE,
        `"${name}" is ${file.buffer.length} bytes; a program of "${mp.config.id}" may be at most ${limit}`,
      );
    let program: string;
    try {
      program = new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
    } catch {
      throw new ApiError(HttpStatus.BAD_REQUEST, `"${name}" is not UTF-8 text`);
    }
    if (program.includes('\0')) throw new ApiError(HttpStatus.BAD_REQUEST, `"${name}" contains NUL bytes: not a program's source`);
    return { author, program };
  });
  return { term: term.trim(), programs };
}
