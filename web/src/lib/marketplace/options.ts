import {
  ORG_SIZES,
  REMOTE_PREFERENCES,
  SECTORS,
  SECTOR_LABELS,
  TIME_SLOTS,
  TIME_SLOT_LABELS,
  WORK_MODES,
  WORK_MODE_LABELS,
} from '$shared/marketplace.ts';
import { ORG_SIZE_LABELS, REMOTE_PREFERENCE_LABELS } from './format.ts';

/** The marketplace vocabulary as `{value, label}` options for selects, radios and checkboxes. */

export const SECTOR_OPTIONS = SECTORS.map((value) => ({ value, label: SECTOR_LABELS[value] }));
export const ORG_SIZE_OPTIONS = ORG_SIZES.map((value) => ({ value, label: ORG_SIZE_LABELS[value] }));
export const WORK_MODE_OPTIONS = WORK_MODES.map((value) => ({ value, label: WORK_MODE_LABELS[value] }));
export const TIME_SLOT_OPTIONS = TIME_SLOTS.map((value) => ({ value, label: TIME_SLOT_LABELS[value] }));
export const REMOTE_PREFERENCE_OPTIONS = REMOTE_PREFERENCES.map((value) => ({
  value,
  label: REMOTE_PREFERENCE_LABELS[value],
}));
