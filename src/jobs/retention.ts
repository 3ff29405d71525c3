// Removes free text and engagement detail past RETENTION_DAYS. Cheap when there is nothing to do,
// so it runs with every tick and needs no schedule of its own.
import { applyRetention } from '../domain/retention.js';
import type { Job } from './types.js';

export const retentionJob: Job = {
  name: 'retention',
  async run({ deps }, now) {
    for (const result of await applyRetention(deps.db, now.getTime(), deps.config.retentionDays)) {
      deps.logger.info('retention applied', { ...result });
    }
  },
};
