// Distribution mode's installation store: one encrypted row per installed workspace, and the rule
// that only ALLOWED_TEAMS may install or be served. Tokens never leave this module in clear except
// to build a Web API client; they are never logged.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { App, HTTPReceiverOptions, Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Database } from '../../db/database.js';
import { countInstallations, deleteInstallation, findSealedInstallation, upsertInstallation } from '../../db/queries/installations.js';
import type { Deps } from '../deps.js';
import { messagesFor } from '../i18n/index.js';

export class TeamNotAllowedError extends Error {
  constructor(readonly teamId: string) {
    super(`team ${teamId} is not in ALLOWED_TEAMS`);
    this.name = 'TeamNotAllowedError';
  }
}

export function encrypt(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
}

export function decrypt(sealed: string, key: Buffer): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('unreadable installation record');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}

/** The key an installation is filed under: the enterprise for an org-wide install, else the team. */
function installKeyOf(query: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): string | undefined {
  return query.isEnterpriseInstall && query.enterpriseId ? query.enterpriseId : (query.teamId ?? query.enterpriseId);
}

export function isTeamAllowed(allowed: readonly string[], ids: ReadonlyArray<string | undefined | null>): boolean {
  return ids.some((id) => id && allowed.includes(id));
}

export function createInstallationStore(deps: Deps, key: Buffer, allowedTeams: readonly string[]): InstallationStore & {
  findBotToken(teamId: string): Promise<string | undefined>;
} {
  const { db, logger } = deps;
  const read = async (installKey: string): Promise<Installation | undefined> => {
    const sealed = await db.read((tx) => findSealedInstallation(tx, installKey));
    return sealed ? (JSON.parse(decrypt(sealed, key)) as Installation) : undefined;
  };
  return {
    async storeInstallation(installation) {
      const teamId = installation.team?.id;
      const enterpriseId = installation.enterprise?.id;
      if (!isTeamAllowed(allowedTeams, [teamId, enterpriseId])) {
        logger.warn('install refused: team not allowed', { team: teamId, enterprise: enterpriseId });
        throw new TeamNotAllowedError(teamId ?? enterpriseId ?? 'unknown');
      }
      const installKey = installKeyOf({ teamId, enterpriseId, isEnterpriseInstall: installation.isEnterpriseInstall })!;
      const at = deps.clock.now().getTime();
      const sealed = encrypt(JSON.stringify(installation), key);
      await db.transaction((tx) =>
        upsertInstallation(tx, { installKey, teamId: teamId ?? null, enterpriseId: enterpriseId ?? null, isEnterpriseInstall: Boolean(installation.isEnterpriseInstall), sealed, at }),
      );
      logger.info('installation stored', { team: teamId, enterprise: enterpriseId });
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      if (!isTeamAllowed(allowedTeams, [query.teamId, query.enterpriseId])) throw new TeamNotAllowedError(query.teamId ?? query.enterpriseId ?? 'unknown');
      const installation =
        (await read(installKeyOf(query) ?? '')) ??
        (query.enterpriseId ? await read(query.enterpriseId) : undefined) ??
        (query.teamId ? await read(query.teamId) : undefined);
      if (!installation) throw new Error(`no installation for ${query.teamId ?? query.enterpriseId}`);
      return installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      const installKey = installKeyOf(query);
      if (!installKey) return;
      await db.transaction((tx) => deleteInstallation(tx, installKey));
      logger.info('installation removed', { team: query.teamId, enterprise: query.enterpriseId });
    },
    async findBotToken(teamId: string) {
      if (!isTeamAllowed(allowedTeams, [teamId])) return undefined;
      return (await read(teamId))?.bot?.token;
    },
  };
}

export function installationCount(db: Database): Promise<number> {
  return db.read((tx) => countInstallations(tx));
}

/** The bot scopes manifest.yml asks for: the OAuth flow requests the same. */
export const BOT_SCOPES = ['commands', 'chat:write', 'im:write'];

/** Install at GET /slack/install, finish at GET /slack/oauth_redirect, answer with a plain page. */
export function installerOptions(deps: Deps): HTTPReceiverOptions['installerOptions'] {
  const msg = messagesFor().install;
  const page = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><meta charset="utf-8"><title>Liaison</title><p>${escapeHtml(text)}</p>`);
  };
  return {
    installPath: '/slack/install',
    redirectUriPath: '/slack/oauth_redirect',
    directInstall: true,
    clientOptions: deps.config.slackApiUrl ? { slackApiUrl: deps.config.slackApiUrl } : {},
    callbackOptions: {
      success: (installation, _options, _req, res) => page(res, 200, msg.done(installation.team?.name ?? installation.enterprise?.name ?? '')),
      failure: (error, _options, _req, res) => {
        const refused = String(error?.message).includes('ALLOWED_TEAMS');
        deps.logger.warn('install failed', { refused, error: error?.code ?? error?.name });
        page(res, refused ? 403 : 500, refused ? msg.notAllowed : msg.failed);
      },
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Uninstalling, or revoking the bot token, removes that workspace's installation and its tokens. */
export function registerUninstall(app: App, store: InstallationStore): void {
  const remove = async (body: { team_id?: string; enterprise_id?: string; is_enterprise_install?: boolean }) => {
    await store.deleteInstallation?.({
      teamId: body.team_id,
      enterpriseId: body.enterprise_id,
      isEnterpriseInstall: Boolean(body.is_enterprise_install),
    } as InstallationQuery<boolean>);
  };
  app.event('app_uninstalled', async ({ body }) => remove(body));
  app.event('tokens_revoked', async ({ event, body }) => {
    if (event.tokens.bot?.length) await remove(body);
  });
}
