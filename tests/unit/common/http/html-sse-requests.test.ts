import type { IncomingMessage } from 'node:http';
import { escapeHtml, html, trustedHtml } from '../../../../lib/common/http/html';
import { isCrossSiteRequest, requestPath } from '../../../../lib/common/http/requests';
import { formatServerSentEvent } from '../../../../lib/common/http/sse';

describe('html templates', () => {
  it('escape every interpolated string, in bodies and quoted attributes', () => {
    const name = `<script>alert("x")</script> & 'co'`;
    expect(html`<td title="${name}">${name}</td>`.text).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</td>',
    );
    expect(escapeHtml('a<b')).toBe('a&lt;b');
  });

  it('insert nested templates and trusted constants as they are; arrays join; false, null and undefined vanish', () => {
    const rows = ['a', '<b>'].map((x) => html`<li>${x}</li>`);
    const list = html`<ul>
      ${rows}
    </ul>`;
    expect(list.text.replace(/\s+/g, '')).toBe('<ul><li>a</li><li>&lt;b&gt;</li></ul>');
    const parts = [false, null, undefined, trustedHtml('<hr>'), 3] as const;
    expect(html`${parts[0]}${parts[1]}${parts[2]}${parts[3]}${parts[4]}`.text).toBe('<hr>3');
  });
});

describe('server-sent events', () => {
  it('frame an event as event, id and one data line per line of its data, ending with an empty line', () => {
    expect(formatServerSentEvent('fragment', 'one\ntwo\r\nthree', '7')).toBe(
      'event: fragment\nid: 7\ndata: one\ndata: two\ndata: three\n\n',
    );
    expect(formatServerSentEvent('x', '')).toBe('event: x\ndata: \n\n');
  });

  it('refuse an event name that could break the framing', () => {
    expect(() => formatServerSentEvent('a\ndata: b', 'x')).toThrow(TypeError);
  });
});

describe('requests', () => {
  const req = (headers: Record<string, string>, url = '/') => ({ headers, url }) as unknown as IncomingMessage;

  it('tell a cross-site request by its Origin or Sec-Fetch-Site', () => {
    expect(isCrossSiteRequest(req({ host: '127.0.0.1:8631' }))).toBe(false);
    expect(isCrossSiteRequest(req({ host: '127.0.0.1:8631', origin: 'http://127.0.0.1:8631' }))).toBe(false);
    expect(isCrossSiteRequest(req({ host: '127.0.0.1:8631', origin: 'http://127.0.0.1:9999' }))).toBe(true);
    expect(isCrossSiteRequest(req({ host: '127.0.0.1:8631', origin: 'null' }))).toBe(true);
    expect(isCrossSiteRequest(req({ host: '127.0.0.1:8631', 'sec-fetch-site': 'cross-site' }))).toBe(true);
    expect(isCrossSiteRequest(req({ host: '127.0.0.1:8631', 'sec-fetch-site': 'same-origin' }))).toBe(false);
  });

  it('decode the path without its query, and refuse a bad percent-encoding', () => {
    expect(requestPath(req({}, '/a%20b?x=1'))).toBe('/a b');
    expect(() => requestPath(req({}, '/%E0%A4%A'))).toThrow(/percent-encoding/);
  });
});
