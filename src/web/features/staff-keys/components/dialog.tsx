import { Modal, type ModalProps } from '@mantine/core';
import { useStaffKeysTranslation } from '../i18n/register';

/** Mantine's Modal, centred, with a translated close button; its title bar is no second banner landmark. */
export function Dialog(props: ModalProps) {
  const { t } = useStaffKeysTranslation();
  return (
    <Modal centered closeButtonProps={{ 'aria-label': t('common.close') }} attributes={{ header: { role: 'none' } }} {...props} />
  );
}
