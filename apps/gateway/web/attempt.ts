import { followAttempt } from './attempt-live';
import { highlightWithin } from './highlight';
import { byId, pageData } from './page-data';

/** The attempt page: follows a pending attempt live until it has a verdict. */
const data = pageData<{ mpId: string; attemptId: string; final: boolean }>('attempt-data');
const live = byId('attempt-live');
highlightWithin(live);
if (!data.final) followAttempt(data.mpId, data.attemptId, live);
