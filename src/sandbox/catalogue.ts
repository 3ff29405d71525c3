// The sandbox's own wording: the chrome around Liaison (labels, Slack's system notices, the terminal
// lines). Everything Liaison itself says comes from Liaison's messages, through its requests.
// Page strings are plain data (sent to the page as JSON); `{name}` marks a placeholder.

export const PAGE_TEXT = {
  documentTitle: 'Liaison sandbox',
  workspaceNote: 'A local stand-in for Slack. Nothing leaves this computer.',
  youAre: 'You are',
  openSidebar: 'Channels and people',
  channels: 'Channels',
  apps: 'Apps',
  privateChannel: 'Private channel',
  unread: 'new messages',
  unreadOne: '1 new message',
  unreadMany: '{count} new messages',
  home: 'Home',
  messages: 'Messages',
  appBadge: 'APP',
  onlyVisibleToYou: 'Only visible to you',
  edited: '(edited)',
  reply: '1 reply',
  replies: '{count} replies',
  thread: 'Thread',
  closeThread: 'Close thread',
  messageLabel: 'Message {name}',
  messagePlaceholder: 'Message {name} — type / for Liaison’s commands',
  messagePlaceholderShort: 'Message, or / for commands',
  send: 'Send',
  commandSuggestions: 'Commands',
  noMessages: 'No messages here yet. Type / in the box below for Liaison’s commands, or pick another person at the top left.',
  noHome: 'Liaison has not published a Home tab for you yet.',
  readOnlyDm: 'Sending messages to this app has been turned off. Slash commands still work here.',
  unsupported: 'The sandbox cannot show a “{type}” {kind}: check it in Slack.',
  block: 'block',
  element: 'element',
  text: 'text object',
  optional: '(optional)',
  required: 'Please complete this required field.',
  tooShort: 'Please enter at least {count} characters.',
  multiSelectHint: 'Hold Ctrl (⌘ on a Mac) to choose several.',
  choose: 'Choose an option',
  cancel: 'Cancel',
  submit: 'Submit',
  closeModal: 'Close',
  modalTrouble: 'We had some trouble connecting. Try again?',
  sendTrouble: 'The message did not reach the sandbox. It is back in the box: try again?',
  reconnecting: 'Lost the connection to the sandbox; reconnecting…',
  dismiss: 'Dismiss',
} as const;

export type PageText = typeof PAGE_TEXT;

/** What Slack itself says when a command does not reach the app (shown by Slackbot, only to you). */
export const SLACK_NOTICES = {
  unknownCommand: (command: string) =>
    `${command} is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`,
  commandFailed: (command: string, error: string) => `${command} failed with the error "${error}"`,
  appDidNotRespond: (app: string) => `${app} did not respond. Please try again.`,
  appError: (app: string, error: string) => `${app} answered with an error (${error}).`,
} as const;

export const TERMINAL_TEXT = {
  seeded: (path: string) => `Seeded a new sandbox database, ${path}: the 2017 operation, set up through Liaison's own commands.\n`,
  reused: (path: string) =>
    `Using the existing sandbox database ${path} (delete it to start afresh). Channels start empty: messages live in memory.\n`,
  ready: (url: string) =>
    `\nLiaison sandbox: open ${url} in your browser. No Slack needed: this is a local stand-in workspace, bound to this computer only.\nStop it with Ctrl+C.\n\n`,
} as const;
