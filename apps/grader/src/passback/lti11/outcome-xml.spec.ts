import { readOutcomeResponse, replaceResultXml } from './outcome-xml';

describe('LTI 1.1 outcome XML', () => {
  it('writes replaceResult with the score clamped to [0, 1] and the sourcedid escaped', () => {
    const xml = replaceResultXml('a<b>&"c', 1.5, 'm1');
    expect(xml).toContain('<sourcedId>a&lt;b&gt;&amp;&quot;c</sourcedId>');
    expect(xml).toContain('<textString>1.0000</textString>');
    expect(xml).toContain('<imsx_messageIdentifier>m1</imsx_messageIdentifier>');
    expect(replaceResultXml('s', 0.555)).toContain('<textString>0.5550</textString>');
  });

  it('reads codeMajor and the description, with or without a namespace prefix', () => {
    expect(readOutcomeResponse('<x:imsx_codeMajor> failure </x:imsx_codeMajor><x:imsx_description>bad id</x:imsx_description>')).toEqual({
      codeMajor: 'failure',
      description: 'bad id',
    });
    expect(readOutcomeResponse('not xml')).toEqual({ codeMajor: null, description: '' });
  });
});
