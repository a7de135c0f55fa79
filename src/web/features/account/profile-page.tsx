import './i18n/register';
import { Card, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../components/document-title';
import { useMe } from '../../lib/me';
import { EmailCard } from './components/email-card';
import { MembershipsTable } from './components/memberships-table';
import { NotificationsCard } from './components/notifications-card';
import { ProfileForm } from './components/profile-form';

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  useDocumentTitle(t('account.profile.title'), t('account.title'));
  return (
    <Stack gap="lg">
      <Card withBorder component="section" aria-labelledby="profile-title">
        <Title order={2} size="h3" id="profile-title" mb="md">
          {t('account.profile.title')}
        </Title>
        <ProfileForm me={me} />
      </Card>
      <EmailCard me={me} />
      <NotificationsCard me={me} />
      <Card withBorder component="section" aria-labelledby="memberships-title">
        <Title order={2} size="h3" id="memberships-title" mb="md">
          {t('account.memberships.title')}
        </Title>
        <MembershipsTable me={me} />
      </Card>
    </Stack>
  );
}
