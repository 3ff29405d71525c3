// A scheduled job: a name and what it does at `now`. Jobs take time as a parameter, so tests drive
// them with a fake clock; each isolates the failure of one item from the others.
import type { Deps } from '../deps.js';
import type { SlackClients } from '../slack/clients.js';

export interface JobContext {
  deps: Deps;
  clients: SlackClients;
}

export interface Job {
  name: string;
  run(context: JobContext, now: Date): Promise<void>;
}
