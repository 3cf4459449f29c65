import { randomUUID } from 'node:crypto';

const escapeXml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** LTI 1.1 Basic Outcomes `replaceResult`: the score as a decimal in [0, 1] for one sourcedid. */
export function replaceResultXml(sourcedId: string, fraction: number, messageId: string = randomUUID()): string {
  const score = Math.min(1, Math.max(0, fraction)).toFixed(4);
  return `<?xml version="1.0" encoding="UTF-8"?>
<imsx_POXEnvelopeRequest xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0">
  <imsx_POXHeader>
    <imsx_POXRequestHeaderInfo>
      <imsx_version>V1.0</imsx_version>
      <imsx_messageIdentifier>${escapeXml(messageId)}</imsx_messageIdentifier>
    </imsx_POXRequestHeaderInfo>
  </imsx_POXHeader>
  <imsx_POXBody>
    <replaceResultRequest>
      <resultRecord>
        <sourcedGUID><sourcedId>${escapeXml(sourcedId)}</sourcedId></sourcedGUID>
        <result><resultScore><language>en</language><textString>${score}</textString></resultScore></result>
      </resultRecord>
    </replaceResultRequest>
  </imsx_POXBody>
</imsx_POXEnvelopeRequest>`;
}

/**
 * What the consumer said: `imsx_codeMajor` (success, failure, unsupported, processing) and its
 * description. Read with patterns, not an XML parser: only these two leaf values are needed and
 * the response is small.
 */
export function readOutcomeResponse(xml: string): { codeMajor: string | null; description: string } {
  const codeMajor = /<(?:\w+:)?imsx_codeMajor>\s*([^<]*?)\s*<\//.exec(xml)?.[1] ?? null;
  const description = /<(?:\w+:)?imsx_description>\s*([^<]*?)\s*<\//.exec(xml)?.[1] ?? '';
  return { codeMajor, description };
}
