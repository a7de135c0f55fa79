import { describeLocalePair } from './locale-parity';
import de from './locales/de.json';
import en from './locales/en.json';

describeLocalePair('the locale files', de, en);
