import { awaitGrade, followAttempt } from './attempt-live';
import { highlightWithin } from './highlight';
import { byId, pageData } from './page-data';
import { linkSourceReferences } from './source-links';

/** The attempt page: follows a pending attempt live until it has a verdict, and a grade attempt until it has its score. */
const data = pageData<{ mpId: string; attemptId: string; final: boolean }>('attempt-data');
const live = byId('attempt-live');
highlightWithin(live);
linkSourceReferences(live);
if (!data.final) followAttempt(data.mpId, data.attemptId, live);
else awaitGrade(`/mp/${encodeURIComponent(data.mpId)}/attempt/${encodeURIComponent(data.attemptId)}`, live);
