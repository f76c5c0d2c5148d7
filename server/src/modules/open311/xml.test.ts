import { describe, expect, it } from 'vitest';
import { escapeXml, xmlDocument } from './xml.ts';

describe('the Open311 XML writer', () => {
  it('writes lists as a plural element of singular items, leaving out absent fields', () => {
    const xml = xmlDocument('service_requests', [{ service_request_id: '7', status: 'open', address: null, lat: 1.5 }], { service_requests: 'request' });
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<service_requests><request><service_request_id>7</service_request_id><status>open</status><lat>1.5</lat></request></service_requests>\n');
  });

  it('escapes markup so that script text stays text', () => {
    const hostile = `</description><script>alert("x")</script> & 'y' ]]>`;
    expect(escapeXml(hostile)).toBe('&lt;/description&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos; ]]&gt;');
    expect(xmlDocument('d', { description: hostile })).not.toContain('<script>');
  });

  it('replaces characters XML cannot carry instead of writing a broken document', () => {
    expect(escapeXml('a\u0001b\u0000c\uFFFEd\uD800e')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
    expect(escapeXml('tab\tline\nemoji 🚧 ñ')).toBe('tab\tline\nemoji 🚧 ñ');
  });

  it('refuses element names and lists it cannot write', () => {
    expect(() => xmlDocument('bad name', 'x')).toThrow();
    expect(() => xmlDocument('things', ['x'])).toThrow();
  });
});
