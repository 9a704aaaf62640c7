import type { ApiError } from '../api/http';
import { t } from '../i18n/index.svelte';

/** What the chief judge reads when an act did not go through. */
export function actMessage(error: ApiError): string {
  if (error.offline) return t('desk.actOffline');
  return t('desk.actFailed', { message: error.body?.message || `HTTP ${error.status}` });
}
