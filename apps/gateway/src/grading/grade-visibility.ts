import { datasetItemName, Grade, Mp } from '@wb/common';
import { AttemptViewer, seesHiddenRuns } from '../attempts/attempt-visibility';

/**
 * A grade as `viewer` may see it. Grades scored since hidden datasets' items say only their
 * verdict need nothing; older ones stored the run's message (`failed: mismatch at index 0:
 * expected …`), which a student must not read: it is cut back to the verdict.
 */
export function visibleGrade(grade: Grade, mp: Mp, viewer: AttemptViewer): Grade {
  if (seesHiddenRuns(viewer)) return grade;
  const hiddenItems = new Set(mp.datasets.filter((d) => d.hidden).map(datasetItemName));
  return {
    ...grade,
    items: grade.items.map((i) => (hiddenItems.has(i.name) ? { ...i, message: i.message.split(': ')[0] } : i)),
  } as Grade;
}
