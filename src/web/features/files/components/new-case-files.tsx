import '../i18n/register';
import { Button, Card, Group, Text, Title } from '@mantine/core';
import { useFilesTranslation } from '../i18n/register';
import { formatBytes } from '../upload-format';
import { uploads } from '../upload-manager';
import { FileDrop } from './file-drop';
import classes from './files.module.css';

/**
 * "Dateien hochladen" on the new-case form: files are chosen while the case is written and kept
 * in the form until it is created; then `uploadNewCaseFiles` hands them to the uploads, which go
 * on while the browser shows the new case.
 */
export function NewCaseFiles({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const { t, language } = useFilesTranslation();
  const add = (picked: File[]) => {
    // The same file chosen twice is one upload.
    const key = (f: File) => `${f.name}/${f.size}/${f.lastModified}`;
    const known = new Set(files.map(key));
    onChange([...files, ...picked.filter((f) => !known.has(key(f)))]);
  };
  return (
    <Card withBorder component="section" aria-labelledby="new-case-files-title">
      <Title order={2} size="h4" id="new-case-files-title" mb="sm">
        {t('new.title')}
      </Title>
      <FileDrop onFiles={add} hint={t('new.hint')} />
      {files.length > 0 && (
        <ul className={classes.list} aria-label={t('new.selected')} style={{ marginTop: 'var(--mantine-spacing-sm)' }}>
          {files.map((file, index) => (
            <li key={`${file.name}/${file.size}/${file.lastModified}`} className={classes.item}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" className={classes.name}>
                    {file.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatBytes(file.size, language)}
                  </Text>
                </div>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  aria-label={t('new.removeFile', { name: file.name })}
                  onClick={() => onChange(files.filter((_, other) => other !== index))}
                >
                  {t('new.remove')}
                </Button>
              </Group>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** After the case exists: its files start uploading (the case page shows their progress). */
export function uploadNewCaseFiles({ caseId, userId, files }: { caseId: string; userId: string; files: File[] }) {
  if (files.length) uploads.add({ caseId, userId, files });
}
