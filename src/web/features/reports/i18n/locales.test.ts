import { describeLocalePair } from '../../../i18n/locale-parity';
import de from './de.json';
import en from './en.json';

describeLocalePair('the Berichte texts', de, en);
