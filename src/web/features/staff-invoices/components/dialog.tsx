import { Modal, type ModalProps } from '@mantine/core';
import { useStaffInvoicesTranslation } from '../i18n/register';

/** Mantine's Modal, centred, with a translated close button; its title bar is no second banner landmark. */
export function Dialog(props: ModalProps) {
  const { t } = useStaffInvoicesTranslation();
  return <Modal centered closeButtonProps={{ 'aria-label': t('actions.close') }} attributes={{ header: { role: 'none' } }} {...props} />;
}
