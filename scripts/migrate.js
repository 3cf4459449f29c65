'use strict';
// `npm run migrate`: creates the database if needed and applies pending migrations.
const { ensureInstalled, ensureBuilt, appEntry, run } = require('./lib');

ensureInstalled();
ensureBuilt();
run('node', [appEntry('gateway', 'migrate')]);
