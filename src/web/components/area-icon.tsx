import type { AreaKey } from '../lib/areas';
import {
  ChartIcon,
  DownloadIcon,
  HomeIcon,
  KeyIcon,
  LifebuoyIcon,
  ReceiptIcon,
  ShieldIcon,
  UserIcon,
} from './icons';

const ICONS = {
  dashboard: HomeIcon,
  cases: LifebuoyIcon,
  keys: KeyIcon,
  invoices: ReceiptIcon,
  downloads: DownloadIcon,
  reports: ChartIcon,
  account: UserIcon,
  console: ShieldIcon,
} satisfies Record<AreaKey, unknown>;

export function AreaIcon({ area, size }: { area: AreaKey; size?: number }) {
  const IconComponent = ICONS[area];
  return <IconComponent size={size ?? 18} />;
}
