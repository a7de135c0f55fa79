import { Modal, type ModalProps } from '@mantine/core';
import { useCasesTranslation } from '../i18n/register';

/**
 * Mantine's Modal, centred, with a translated close button. Its title bar is a `<header>`, which
 * screen readers would list as a second banner landmark of the page; it is only a title bar.
 */
export function Dialog(props: ModalProps) {
  const { t } = useCasesTranslation();
  return (
    <Modal
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
      attributes={{ header: { role: 'none' } }}
      {...props}
    />
  );
}
