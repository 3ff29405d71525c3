// Every callback, block and action ID Liaison's views and messages use, in one place.
export const IDS = {
  engageModal: {
    callbackId: 'engage_modal',
    operation: 'operation',
    age: 'age_band',
    gender: 'gender',
    offered: 'offered',
    accepted: 'accepted',
    safety: 'safety_ensured',
    area: 'area',
    language: 'language',
    note: 'note',
  },
  doneModal: { callbackId: 'done_modal' },
  /** Buttons under "Logged E-n": the officer's next step without retyping the reference. */
  nextSteps: {
    actionsBlock: 'engagement_next',
    refer: 'engagement_refer',
    logAnother: 'engagement_log_another',
  },
  referralCard: {
    actionsBlock: 'referral_actions',
    accept: 'referral_accept',
    decline: 'referral_decline',
    close: 'referral_close',
    /** Offered to the referring officer (App Home, their direct message), never on the card. */
    withdraw: 'referral_withdraw',
  },
  declineModal: { callbackId: 'referral_decline_modal', reason: 'reason' },
  closeModal: { callbackId: 'referral_close_modal', outcome: 'outcome' },
  withdrawModal: { callbackId: 'referral_withdraw_modal', reason: 'reason' },
  referModal: {
    callbackId: 'refer_modal',
    engagement: 'engagement',
    to: 'to_agency',
    needs: 'needs',
    urgency: 'urgency',
    consent: 'consent',
    note: 'note',
  },
} as const;
