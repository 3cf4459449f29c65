import { Job } from 'bullmq';
import { SimilarityJob } from '@wb/common';
import { SimilarityProcessor } from './similarity.processor';
import { SimilarityService } from './similarity.service';

describe('SimilarityProcessor', () => {
  function processorFailingWith(error: Error) {
    const service = { compute: jest.fn().mockRejectedValue(error), fail: jest.fn().mockResolvedValue(undefined) };
    return { service, processor: new SimilarityProcessor(service as unknown as SimilarityService) };
  }
  const job = (attemptsMade: number) =>
    ({ data: { reportId: 'r1' }, attemptsMade, opts: { attempts: 2 }, updateProgress: jest.fn() }) as unknown as Job<SimilarityJob>;

  it('leaves a report running while BullMQ has a try left', async () => {
    const { service, processor } = processorFailingWith(new Error('the analysis process ended (SIGKILL) without a result'));
    await expect(processor.process(job(0))).rejects.toThrow('without a result');
    expect(service.fail).not.toHaveBeenCalled();
  });

  it('records why on the report when the last try fails', async () => {
    const { service, processor } = processorFailingWith(new Error('the analysis took longer than 900 s and was stopped'));
    await expect(processor.process(job(1))).rejects.toThrow('was stopped');
    expect(service.fail).toHaveBeenCalledWith('r1', 'the analysis took longer than 900 s and was stopped');
  });
});
