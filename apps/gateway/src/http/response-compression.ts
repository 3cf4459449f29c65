import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * gzip (or deflate) for what the gateway sends when the client accepts it: the lab page's editor
 * bundle shrinks from about 550 KB to about 180 KB, attempts and grade tables to a fraction.
 * Answers under 1 KB are sent as they are (what a POST answers: an id, a revision, a redirect),
 * so an autosave pays nothing for it. An event stream is written by its route itself and is
 * never held back in a compressor's buffer. Bodies sent to the gateway are not inflated: a
 * compressed request body could be a small upload that unpacks past the body limit.
 * Registered before the static assets, which are most of the bytes.
 */
export async function installResponseCompression(fastify: FastifyInstance): Promise<void> {
  await fastify.register(compress, { global: true, threshold: 1024, encodings: ['gzip', 'deflate'], globalDecompression: false });
}
