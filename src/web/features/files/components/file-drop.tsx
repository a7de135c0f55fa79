import { Button, Text } from '@mantine/core';
import { type DragEvent, useRef, useState } from 'react';
import { useFilesTranslation } from '../i18n/register';
import classes from './files.module.css';

/**
 * "Dateien hochladen": drop files on the area or choose them with the button (keyboard: the
 * button is the way in; the drop area is a convenience for the mouse). Several files at once.
 */
export function FileDrop({
  onFiles,
  hint,
  disabled = false,
}: {
  onFiles: (files: File[]) => void;
  hint?: string | undefined;
  disabled?: boolean;
}) {
  const { t } = useFilesTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [active, setActive] = useState(false);
  const depth = useRef(0);

  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');
  const onDragEnter = (event: DragEvent) => {
    if (disabled || !hasFiles(event)) return;
    event.preventDefault();
    depth.current += 1;
    setActive(true);
  };
  const onDragOver = (event: DragEvent) => {
    if (disabled || !hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDragLeave = () => {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setActive(false);
  };
  const onDrop = (event: DragEvent) => {
    if (disabled || !hasFiles(event)) return;
    event.preventDefault();
    depth.current = 0;
    setActive(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length) onFiles(files);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse convenience; the button inside is the way in for everyone.
    <div
      className={classes.drop}
      data-active={active || undefined}
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <Text size="sm" mb="xs">
        {t('upload.drop')}
      </Text>
      <Button variant="light" onClick={() => input.current?.click()} disabled={disabled}>
        {t('upload.choose')}
      </Button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Cleared so that choosing the same file again (after a cancel) fires a change.
          event.currentTarget.value = '';
          if (files.length) onFiles(files);
        }}
      />
      {hint && (
        <Text size="xs" c="dimmed" mt="xs">
          {hint}
        </Text>
      )}
    </div>
  );
}
