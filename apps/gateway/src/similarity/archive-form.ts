import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@wb/common';
import type { FastifyRequest } from 'fastify';
import { MAX_ARCHIVE_FILES, UploadedProgram } from './archive-upload';

/** What one file of an import may be, whatever the lab: its own program limit is checked after. */
const UPLOAD_FILE_BYTES = 4 * 1024 * 1024;

/** The import form as a browser or curl sends it (multipart/form-data): the `term` field and the files in `programs`. */
export interface ArchiveForm {
  term: unknown;
  files: UploadedProgram[];
}

/**
 * Reads the import form, each file into memory within the limits (more files, fields or bytes
 * than an import may have is a 413); a file in another field is a 400.
 */
export async function readArchiveForm(req: FastifyRequest): Promise<ArchiveForm> {
  // Any other body has no files: the checks of the upload then name what is missing.
  if (!req.isMultipart()) return { term: (req.body as { term?: unknown } | undefined)?.term, files: [] };
  const form: ArchiveForm = { term: undefined, files: [] };
  try {
    for await (const part of req.parts({ limits: { files: MAX_ARCHIVE_FILES, fileSize: UPLOAD_FILE_BYTES, fields: 10 } })) {
      if (part.type === 'field') {
        if (part.fieldname === 'term') form.term = part.value;
      } else if (part.fieldname === 'programs') {
        form.files.push({ filename: formFilename(part.filename), buffer: await part.toBuffer() });
      } else {
        throw new ApiError(HttpStatus.BAD_REQUEST, `unexpected file field "${part.fieldname}": send the programs in "programs"`);
      }
    }
  } catch (err) {
    throw uploadError(err);
  }
  return form;
}

/**
 * A file's name as the student's browser meant it: the HTML standard has a form escape a
 * filename's `"`, CR and LF as `%22`, `%0D` and `%0A` (and nothing else), and a form's reader
 * undoes that, as the Fetch standard's multipart parser does.
 */
function formFilename(sent: string): string {
  return sent.replace(/%(22|0D|0A)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The multipart reader's refusals (a limit passed, a malformed form) in the words of the import. */
function uploadError(err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  const status = (err as { statusCode?: unknown }).statusCode;
  if (err instanceof ApiError || typeof status !== 'number' || status >= 500) return err;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, `a file is larger than ${UPLOAD_FILE_BYTES / (1024 * 1024)} MB: no program is`);
    case 'FST_FILES_LIMIT':
      return new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, `an import takes at most ${MAX_ARCHIVE_FILES} files: import the term in parts`);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new ApiError(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'the form has more fields than an import has: send `term` and the files in `programs`',
      );
    default:
      return new ApiError(HttpStatus.BAD_REQUEST, `the upload could not be read: ${(err as Error).message}`);
  }
}
