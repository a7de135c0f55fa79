import { Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES, type Language, storeLanguage } from '../../../lib/language';
import { type Me, useUpdateMe } from '../../../lib/me';
import { fieldMessageKeys, problemMessageKey } from '../../../lib/problem-message';

const NAME_MAX_LENGTH = 200;

/** Name and the preferred language; the email address has its own card (it changes through a confirmation link). */
export function ProfileForm({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const updateName = useUpdateMe();
  const updateLocale = useUpdateMe();
  const [name, setName] = useState(me.user.name);
  const [nameError, setNameError] = useState<string | null>(null);

  const trimmed = name.trim();
  const unchanged = trimmed === me.user.name;
  const language: Language = me.user.locale ?? (isLanguage(i18n.language) ? i18n.language : 'de');

  const submitName = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!trimmed) {
      setNameError(t('validation.nameRequired'));
      return;
    }
    setNameError(null);
    updateName.mutate(
      { name: trimmed },
      {
        onSuccess: (updated) => setName(updated.user.name),
        onError: (error) => {
          const key = fieldMessageKeys(error, ['name'] as const).name;
          setNameError(t(key ?? problemMessageKey(error)));
        },
      },
    );
  };

  const chooseLanguage = (value: string) => {
    if (!isLanguage(value)) return;
    storeLanguage(value);
    void i18n.changeLanguage(value);
    updateLocale.mutate({ locale: value });
  };

  return (
    <Stack gap="lg">
      <form onSubmit={submitName} noValidate>
        <Stack gap="sm" maw={480}>
          <TextInput
            label={t('account.profile.name')}
            name="name"
            autoComplete="name"
            required
            maxLength={NAME_MAX_LENGTH}
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              updateName.reset();
            }}
            error={nameError}
          />
          <Group gap="sm">
            <Button type="submit" loading={updateName.isPending} disabled={unchanged}>
              {t('common.save')}
            </Button>
            <Text size="sm" role="status" c="var(--mantine-color-success)">
              {updateName.isSuccess ? t('common.saved') : ''}
            </Text>
          </Group>
        </Stack>
      </form>
      <Radio.Group
        label={t('account.profile.language')}
        description={t('account.profile.languageHint')}
        value={language}
        onChange={chooseLanguage}
        error={updateLocale.isError ? t(problemMessageKey(updateLocale.error)) : undefined}
      >
        <Group gap="lg" mt="xs">
          {LANGUAGES.map((value) => (
            <Radio key={value} value={value} label={t(`header.languages.${value}`)} lang={value} />
          ))}
        </Group>
      </Radio.Group>
    </Stack>
  );
}
