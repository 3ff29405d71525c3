// English messages: every sentence a person reads in Slack, the sandbox or the CLI comes from here.
// Messages are short (people read them on a phone mid-shift) and every refusal says what to type.

export const en = {
  usage: {
    agency: [
      '*/agency* — partner agencies',
      '`/agency add <CODE> "<Name>" kind=<police|advocacy|victim_services|health|government|other> [intake=<channel>]`',
      '`/agency list`',
      '`/agency show <CODE>`',
      '`/agency member <user> <CODE> role=<officer|intake|coordinator|admin>`',
    ].join('\n'),
    op: [
      '*/op* — operations',
      '`/op create <CODE> "<Name>" start=<YYYY-MM-DD> end=<YYYY-MM-DD> lead=<AGENCY> [parent=<OPCODE>] [tz=<IANA zone>] [digest=<channel>] [digest_time=<HH:MM>]`',
      '`/op join <OPCODE> <AGENCY> [officers=<n>] [support_staff=<n>] [victim_services=<n>]`',
      '`/op list`',
      '`/op show <OPCODE>`',
      '`/op close <OPCODE>`',
    ].join('\n'),
    engage: [
      '*/engage* — log one person met (no names, no contact details)',
      '`/engage` opens a form.',
      '`/engage <OPCODE> age=<under18|18-24|25-34|35-44|45plus|unknown> gender=<female|male|nonbinary|unknown> offered=<yes|no> accepted=<yes|no> [safety_ensured=<yes|no>] [agency=<AGENCY>] [area="<coarse area>"] [language=<code>] [at=<YYYY-MM-DDTHH:MM>] [note="<text>"]`',
    ].join('\n'),
    refer: [
      '*/refer* — refer an engagement to a supporting agency',
      '`/refer` opens a form.',
      '`/refer <E-n> to=<AGENCY> needs=<need,need,…> urgency=<routine|urgent|immediate> consent=<yes|no> [note="<text>"]`',
      'needs: shelter, medical, legal, immigration, counselling, addiction, financial, translation, other',
    ].join('\n'),
    charge: [
      '*/charge* — log one person charged',
      '`/charge <OPCODE> offences=<section,section,…> [agency=<AGENCY>] [note="<text>"]`',
      'sections: 279.01, 279.011, 279.02, 279.03, 286.1, 286.2, 286.3, 286.4, other',
    ].join('\n'),
    digest: [
      '*/digest* — the cross-agency digest',
      '`/digest <OPCODE>` previews it (only you see it).',
      '`/digest <OPCODE> post` posts it now to the operation’s digest channel.',
    ].join('\n'),
  },
  parse: {
    openQuote: 'a quote `"` is not closed',
    repeatedKey: (key: string) => `\`${key}=\` is given twice`,
    unexpected: (value: string) => `unexpected \`${value}\``,
    unknownKey: (key: string) => `unknown key \`${key}=\``,
    missing: (label: string) => `${label} is missing`,
    badValue: (label: string, problem: string) => `${label} ${problem}`,
    problems: (list: string[], usage: string) =>
      `Nothing was stored. Please fix:\n${list.map((p) => `• ${p}`).join('\n')}\n\n${usage}`,
  },
  startup: {
    noCredentials: [
      'Liaison needs Slack credentials to start. Set, in the environment or a .env file:',
      '  SLACK_BOT_TOKEN=xoxb-…        the bot token from your Slack app’s “OAuth & Permissions” page',
      '  SLACK_SIGNING_SECRET=…        from “Basic Information” (HTTP mode, the default), or',
      '  SLACK_APP_TOKEN=xapp-…        an app-level token with connections:write (Socket Mode).',
      'Create the app from manifest.yml first; the README explains each step.',
    ].join('\n'),
  },
  errors: {
    internal: 'Something went wrong on our side and nothing was stored. Please try again in a minute.',
    notRegistered:
      'You are not registered with a partner agency yet. Ask your agency’s coordinator to run `/agency member @you <AGENCY> role=<role>`.',
  },
};

export type Messages = typeof en;
