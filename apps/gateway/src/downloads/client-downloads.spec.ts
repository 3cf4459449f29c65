import { AppConfig, toBody } from '@wb/common';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaggedBody } from '../http/reply';
import { ClientDownloads } from './client-downloads';

/** libwb's archive from a libwb folder of the test's own (headers and build/ as `npm run build` leaves them). */
describe('ClientDownloads', () => {
  let libwb: string;
  let downloads: ClientDownloads;

  beforeEach(() => {
    libwb = mkdtempSync(join(tmpdir(), 'wb-libwb-'));
    mkdirSync(join(libwb, 'include'));
    mkdirSync(join(libwb, 'build', 'obj'), { recursive: true });
    writeFileSync(join(libwb, 'include', 'wb.h'), '#pragma once\n');
    writeFileSync(join(libwb, 'build', 'libwb.a'), 'archive');
    writeFileSync(join(libwb, 'build', 'obj', 'wb.o'), 'object'); // build leftovers stay out
    downloads = new ClientDownloads({ libwbPath: libwb } as AppConfig);
  });
  afterEach(() => rmSync(libwb, { recursive: true, force: true }));

  const listing = ({ body }: TaggedBody) => {
    const file = join(libwb, 'listing.tar.gz');
    writeFileSync(file, body);
    return execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n').sort();
  };

  it('packs the headers and static libraries under libwb/, once until they change', async () => {
    const first = await downloads.libwbArchive();
    expect(listing(first)).toEqual(['libwb/build/libwb.a', 'libwb/include/wb.h']);
    expect(await downloads.libwbArchive()).toBe(first);

    writeFileSync(join(libwb, 'build', 'libwb_cuda.a'), 'cuda archive');
    const withCuda = await downloads.libwbArchive();
    expect(listing(withCuda)).toEqual(['libwb/build/libwb.a', 'libwb/build/libwb_cuda.a', 'libwb/include/wb.h']);
    expect(withCuda.etag).not.toBe(first.etag);

    utimesSync(join(libwb, 'build', 'libwb.a'), new Date(), new Date(Date.now() + 60_000)); // rebuilt
    expect(await downloads.libwbArchive()).not.toBe(withCuda);
  });

  it('answers a clear 404 where the client or libwb is not built', async () => {
    expect(toBody(catching(() => downloads.clientPath()))).toEqual({
      status: 404,
      body: { error: 'the wb client is not built on this server (the staff build it with npm run build)' },
    });
    rmSync(join(libwb, 'build', 'libwb.a'));
    expect(toBody(catching(() => downloads.libwbArchive())).status).toBe(404);
  });
});

function catching(act: () => unknown): unknown {
  try {
    act();
  } catch (err) {
    return err;
  }
  throw new Error('expected it to throw');
}
