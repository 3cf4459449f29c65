import 'reflect-metadata';
import { loadConfig, migrateDatabase } from '@wb/common';

/** `npm run migrate`: the gateway's start-up migration step, on its own. */
migrateDatabase(loadConfig('gateway').DATABASE_URL)
  .then((applied) => console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date'))
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
