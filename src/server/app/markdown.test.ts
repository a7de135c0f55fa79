import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders emphasis, lists and code', () => {
    const html = renderMarkdown('**fett** und `code`\n\n- eins\n- zwei');
    expect(html).toContain('<strong>fett</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<li>eins</li>');
  });
  it('escapes raw HTML instead of passing it through', () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });
  it('drops javascript: links and hardens the others', () => {
    expect(renderMarkdown('[klick](javascript:alert(1))')).not.toContain('href="javascript');
    expect(renderMarkdown('[Doku](https://example.com)')).toContain('rel="noopener noreferrer nofollow"');
  });
  it('shows images as links, so no third-party content loads', () => {
    const html = renderMarkdown('![Logo](https://tracker.example/pixel.png)');
    expect(html).not.toContain('<img');
    expect(html).toContain('href="https://tracker.example/pixel.png"');
  });
});
