// The App Home tab: who you are here, your agency's operations, the referrals waiting on your
// agency (with the card's own buttons), the open referrals you made (with Withdraw), and your
// recent engagements.
import type { HomeView, KnownBlock } from '@slack/types';
import type { Home } from '../domain/home.js';
import type { Messages } from '../i18n/index.js';
import { mrkdwn, plain } from './elements.js';
import { officerActions } from './next-steps.js';
import { referralActions, withdrawAction } from './referral-card.js';

export function buildHomeView(home: Home, msg: Messages): HomeView {
  const m = msg.home;
  const { principal } = home;
  if (principal.role === null) {
    return { type: 'home', blocks: [{ type: 'header', text: plain(m.title) }, { type: 'section', text: mrkdwn(msg.errors.notRegistered) }] };
  }
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(m.title) },
    { type: 'context', elements: [mrkdwn(m.whoYouAre(principal.role, principal.agencyCode, home.agencyName))] },
    // Those who log (the permission table's engage / refer row) get the shift's two actions first.
    ...(principal.role === 'intake' ? [] : [officerActions(msg)]),
    { type: 'divider' },
    { type: 'section', text: mrkdwn(`*${m.operations}*`) },
  ];
  if (home.operations.length === 0) blocks.push({ type: 'context', elements: [mrkdwn(m.noOperations)] });
  for (const o of home.operations) blocks.push({ type: 'section', text: mrkdwn(m.operationLine(o)) });

  if (home.openReferrals.length > 0 || ['intake', 'coordinator'].includes(principal.role)) {
    blocks.push({ type: 'divider' }, { type: 'section', text: mrkdwn(`*${m.openReferrals}*`) });
    if (home.openReferrals.length === 0) blocks.push({ type: 'context', elements: [mrkdwn(m.noOpenReferrals)] });
    for (const r of home.openReferrals) {
      blocks.push({ type: 'section', text: mrkdwn(m.referralLine(r)) });
      const actions = referralActions(r, msg, `home_referral_${r.id}`);
      if (actions) blocks.push(actions);
    }
  }
  if (home.yourReferrals.length > 0) {
    blocks.push({ type: 'divider' }, { type: 'section', text: mrkdwn(`*${m.yourReferrals}*`) });
    for (const r of home.yourReferrals) {
      blocks.push({ type: 'section', text: mrkdwn(m.yourReferralLine(r)) });
      const action = withdrawAction(r, msg, `home_withdraw_${r.id}`);
      if (action) blocks.push(action);
    }
  }
  if (home.recentEngagements.length > 0) {
    blocks.push(
      { type: 'divider' },
      { type: 'section', text: mrkdwn(`*${m.recentEngagements}*\n${home.recentEngagements.map((e) => m.engagementLine(e)).join('\n')}`) },
    );
  }
  return { type: 'home', blocks };
}
