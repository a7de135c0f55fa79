import { Modal, type ModalProps } from '@mantine/core';
import { useReportsTranslation } from '../i18n/register';

/** Mantine's Modal, centred, with a translated close button and no second banner landmark. */
export function Dialog(props: ModalProps) {
  const { t } = useReportsTranslation();
  return <Modal centered closeButtonProps={{ 'aria-label': t('common.close') }} attributes={{ header: { role: 'none' } }} {...props} />;
}
