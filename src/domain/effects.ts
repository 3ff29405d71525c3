// Work a command asks for after it has stored its records and answered: the Slack adapter runs it.
export type Effect =
  | { type: 'post_referral_card'; referralId: number }
  /** A referral changed state: its card redrawn, its referrer's message sent, Home refreshed. */
  | { type: 'referral_changed'; referralId: number }
  | { type: 'post_digest'; operationId: number; runId: number | null; localDate: string }
  | { type: 'refresh_home'; teamId: string; userId: string };
