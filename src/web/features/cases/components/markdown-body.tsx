import { Typography } from '@mantine/core';

/** Markdown the server has rendered and sanitised (raw HTML off): shown as it came. */
export function MarkdownBody({ html }: { html: string }) {
  return (
    <Typography fz="sm" style={{ overflowWrap: 'anywhere' }}>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side by markdown-it with HTML disabled. */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}
