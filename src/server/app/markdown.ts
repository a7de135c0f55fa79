import MarkdownIt from 'markdown-it';

/**
 * Markdown that people write (case descriptions and comments, release notes) as safe HTML: raw
 * HTML is escaped, not passed through, and links with scripting schemes (javascript:, vbscript:,
 * data: other than images) are dropped by markdown-it's validateLink. Links open in a new tab
 * without handing over the opener or the referrer.
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  token.attrSet('rel', 'noopener noreferrer nofollow');
  token.attrSet('target', '_blank');
  return defaultLinkOpen(tokens, idx, options, env, self);
};
// Images would load third-party content from the customer's browser: shown as links instead.
md.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx]!;
  const src = md.utils.escapeHtml(token.attrGet('src') ?? '');
  return `<a href="${src}" rel="noopener noreferrer nofollow" target="_blank">${md.utils.escapeHtml(token.content || src)}</a>`;
};

export const renderMarkdown = (source: string): string => md.render(source);
