// The officer's next steps: `Refer` opens the referral form (with the engagement chosen when the
// button names one: under "Logged E-n", or `Refer elsewhere` on a decline), and `Log another` opens
// the engagement form. From a message or App Home they open a new form; on the form that said
// "Logged E-n" they replace it, so the officer goes straight on.
import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { View } from '@slack/types';
import { z } from 'zod';
import { engageForm } from '../../commands/engage.js';
import { referForm } from '../../commands/refer.js';
import type { Deps } from '../deps.js';
import { resolvePrincipal } from '../domain/permissions.js';
import type { ReaderRequest } from '../../commands/shared/context.js';
import { messagesFor } from '../i18n/index.js';
import type { SlackClients } from './clients.js';
import { userMessageFor } from './errors.js';
import { IDS } from './ids.js';
import { parseTypedJson } from './typed-json.js';
import { actorFrom } from './identity.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** The button's value: typed JSON, re-parsed because anyone can forge a payload. */
const ZNextStepValue = z.object({ engagement: z.number().int().positive() });

function engagementOf(value: string | undefined): number | undefined {
  return parseTypedJson(ZNextStepValue, value)?.engagement;
}

export function registerNextSteps(app: App, deps: Deps, clients: SlackClients): void {
  const forms: Record<string, (request: ReaderRequest, channelId: string, engagementId: number | undefined) => Promise<View>> = {
    [IDS.nextSteps.refer]: (request, channelId, engagementId) => referForm(request, channelId, engagementId),
    [IDS.nextSteps.logAnother]: (request, channelId) => engageForm(request, channelId),
  };
  app.action<BlockAction<ButtonAction>>(new RegExp(`^(${Object.keys(forms).join('|')})$`), async ({ ack, body, action, client, respond }: ButtonArgs) => {
    // The form must open within the trigger's three seconds: acknowledge first, then build it.
    await ack();
    const actor = actorFrom(body.user.id, body.user.team_id, body.enterprise?.id);
    const msg = messagesFor(await clients.languageOf(actor.teamId, actor.userId));
    const engagementId = engagementOf(action.value);
    // On a form (the one that said "Logged E-n") the next form replaces it; from App Home or a message it opens.
    const onForm = body.container?.type === 'view' && body.view?.type === 'modal';
    const channelId = body.channel?.id ?? '';
    try {
      const view = await deps.db.read(async (tx) => {
        const request: ReaderRequest = { deps, tx, principal: await resolvePrincipal(tx, actor, deps.config.bootstrapAdmins), msg };
        return forms[action.action_id]!(request, channelId, engagementId);
      });
      if (onForm) await client.views.update({ view_id: body.view!.id, view });
      else await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      const text = userMessageFor(error, msg, deps.logger, { action: action.action_id, team: actor.teamId, user: actor.userId });
      if (onForm || !body.response_url) await client.chat.postMessage({ channel: actor.userId, text });
      else await respond({ response_type: 'ephemeral', replace_original: false, text });
    }
  });
}
