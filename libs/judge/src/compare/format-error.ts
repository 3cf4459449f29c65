/** A file that is not in the libwb format it should be in; the message says where and why. */
export class FormatError extends Error {
  override name = 'FormatError';
}
