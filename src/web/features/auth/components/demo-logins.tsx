import { Code, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Meta } from '../api/get-meta';
import classes from './demo-logins.module.css';

/** The demo installation's logins; choosing one fills the login form. */
export function DemoLogins({
  meta,
  onChoose,
}: {
  meta: Meta;
  onChoose: (login: { email: string; password: string }) => void;
}) {
  const { t } = useTranslation();
  const password = meta.demoPassword ?? '';
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="demo-logins-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="demo-logins-title">
          {t('login.demo.title')}
        </Title>
        <Text size="sm">{t('login.demo.intro')}</Text>
        {meta.demoPassword && (
          <Text size="sm">
            {t('login.demo.password')} <Code style={{ whiteSpace: 'nowrap' }}>{meta.demoPassword}</Code>
          </Text>
        )}
        <ul className={classes.list}>
          {meta.demoLogins.map((login) => (
            <li key={login.email}>
              <UnstyledButton
                className={classes.choice}
                onClick={() => onChoose({ email: login.email, password })}
                aria-label={t('login.demo.fill', { label: `${login.label}, ${login.email}` })}
              >
                <Text size="sm" fw={600} component="span" display="block">
                  {login.label}
                </Text>
                <Text size="sm" c="dimmed" component="span" display="block" className={classes.email}>
                  {login.email}
                </Text>
              </UnstyledButton>
            </li>
          ))}
        </ul>
      </Stack>
    </Paper>
  );
}
