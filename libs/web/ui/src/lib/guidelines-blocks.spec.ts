/// <reference types="jest" />
import { guidelinesBlocks } from './guidelines-blocks';

describe('guidelinesBlocks', () => {
  it('splits headings, bullet lists and paragraphs, keeping line breaks inside a paragraph', () => {
    const text = '# Spam\nUnsolicited offers.\nAlso phishing.\n\n- links to prizes\n* fake invoices\n\n<b>not html</b>';
    expect(guidelinesBlocks(text)).toEqual([
      { kind: 'heading', text: 'Spam' },
      { kind: 'paragraph', lines: ['Unsolicited offers.', 'Also phishing.'] },
      { kind: 'list', items: ['links to prizes', 'fake invoices'] },
      { kind: 'paragraph', lines: ['<b>not html</b>'] },
    ]);
  });

  it('returns nothing for empty guidelines', () => {
    expect(guidelinesBlocks(' \n\n')).toEqual([]);
  });
});
