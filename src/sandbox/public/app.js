// @ts-check
// The sandbox page: one module, no framework, no build step. It shows the workspace as one person
// sees it (channels, the app's Messages and Home tabs, threads, modals), renders Block Kit and
// mrkdwn, and sends what the person does to the sandbox, which carries it to Liaison as Slack would.
// All text reaches the page as text nodes: nothing anyone typed or Liaison sent is parsed as HTML.
// The first part is pure (tested in test/sandbox); the page itself starts only in a browser.
import { emojiFor, emojify } from './emoji.js';

// ── mrkdwn, pure ────────────────────────────────────────────────────────────────────────────────

/**
 * @typedef {{ t: 'text', v: string } | { t: 'b' | 'i' | 's' | 'quote', c: MrkdwnNode[] } | { t: 'code' | 'pre', v: string }
 *   | { t: 'br' } | { t: 'user', id: string } | { t: 'channel', id: string, name: string }
 *   | { t: 'link', url: string, label: string } | { t: 'date', ts: number, format: string, fallback: string }
 *   | { t: 'broadcast', name: string } | { t: 'emoji', name: string }} MrkdwnNode
 */

/** Slack's three escapes, undone. */
export function decodeEntities(/** @type {string} */ s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Parses Slack mrkdwn into a tree: ```pre```, `code`, *bold*, _italic_, ~strike~, > quotes,
 * <@U…>, <#C…|name>, <!date^…|fallback>, <!here>, <url|label> and :emoji:. The tree holds text, never
 * markup, so rendering it cannot inject anything.
 * @param {string} source
 * @returns {MrkdwnNode[]}
 */
export function parseMrkdwn(source) {
  /** @type {MrkdwnNode[]} */
  const out = [];
  const parts = String(source).split('```');
  // An odd number of fences leaves the last one unmatched: it is plain text.
  if (parts.length % 2 === 0) parts.splice(-2, 2, `${parts.at(-2)}\`\`\`${parts.at(-1)}`);
  parts.forEach((part, index) => {
    if (index % 2 === 1) out.push({ t: 'pre', v: decodeEntities(part.replace(/^\n/, '').replace(/\n$/, '')) });
    else out.push(...parseLines(part));
  });
  return out;
}

/** @returns {MrkdwnNode[]} */
function parseLines(/** @type {string} */ text) {
  /** @type {MrkdwnNode[]} */
  const out = [];
  const lines = text.split('\n');
  let quote = /** @type {MrkdwnNode[] | null} */ (null);
  lines.forEach((line, i) => {
    const quoted = /^(&gt;|>)\s?/.exec(line);
    if (quoted) {
      if (quote) quote.push({ t: 'br' });
      else {
        quote = [];
        out.push({ t: 'quote', c: quote });
      }
      quote.push(...parseInline(line.slice(quoted[0].length)));
      return;
    }
    if (quote) quote = null;
    else if (i > 0) out.push({ t: 'br' });
    out.push(...parseInline(line));
  });
  return out;
}

const MARKS = /** @type {Record<string, 'b' | 'i' | 's'>} */ ({ '*': 'b', _: 'i', '~': 's' });
const WORD = /[\p{L}\p{N}]/u;

/** @returns {MrkdwnNode[]} */
function parseInline(/** @type {string} */ line) {
  /** @type {MrkdwnNode[]} */
  const out = [];
  let buffer = '';
  const flush = () => {
    if (buffer) out.push({ t: 'text', v: decodeEntities(buffer) });
    buffer = '';
  };
  let i = 0;
  while (i < line.length) {
    const ch = line[i] ?? '';
    if (ch === '`') {
      const end = line.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ t: 'code', v: decodeEntities(line.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '<') {
      const end = line.indexOf('>', i + 1);
      if (end > i + 1) {
        flush();
        out.push(controlSequence(line.slice(i + 1, end)));
        i = end + 1;
        continue;
      }
    }
    const mark = MARKS[ch];
    if (mark && !WORD.test(line[i - 1] ?? '') && line[i + 1] !== undefined && !/\s/.test(line[i + 1] ?? '')) {
      const end = closingMark(line, i, ch);
      if (end > 0) {
        flush();
        out.push({ t: mark, c: parseInline(line.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (ch === ':') {
      const emoji = /^:([a-z0-9_+-]+):/.exec(line.slice(i));
      if (emoji) {
        flush();
        out.push({ t: 'emoji', name: emoji[1] ?? '' });
        i += emoji[0].length;
        continue;
      }
    }
    buffer += ch;
    i++;
  }
  flush();
  return out;
}

function closingMark(/** @type {string} */ line, /** @type {number} */ open, /** @type {string} */ mark) {
  for (let j = open + 2; j < line.length; j++) {
    if (line[j] === mark && !/\s/.test(line[j - 1] ?? '') && !WORD.test(line[j + 1] ?? '')) return j;
  }
  return -1;
}

/** @returns {MrkdwnNode} */
function controlSequence(/** @type {string} */ inner) {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? '' : decodeEntities(inner.slice(bar + 1));
  if (target.startsWith('@')) return { t: 'user', id: target.slice(1) };
  if (target.startsWith('#')) return { t: 'channel', id: target.slice(1), name: label };
  if (target.startsWith('!date^')) {
    const [, ts, format] = target.split('^');
    return { t: 'date', ts: Number(ts), format: format ?? '', fallback: label };
  }
  if (target.startsWith('!')) return { t: 'broadcast', name: label || `@${target.slice(1).split('^')[0]}` };
  const url = decodeEntities(target);
  return { t: 'link', url, label: label || url };
}

/** The URL when it is safe to follow (http, https, mailto), else null. */
export function safeHref(/** @type {string} */ url) {
  return /^(https?:|mailto:)/i.test(url) ? url : null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * `<!date^…>`'s format tokens, in the reader's zone (`timeZone` lets tests pin one). An unknown
 * token makes Slack show the fallback; so does this.
 * @param {number} seconds @param {string} format @param {string} fallback
 * @param {{ now?: number, timeZone?: string }} [options]
 */
export function formatSlackDate(seconds, format, fallback, options = {}) {
  if (!Number.isFinite(seconds)) return fallback;
  const parts = (/** @type {number} */ ms) => {
    /** @type {Record<string, string>} */
    const p = {};
    const f = new Intl.DateTimeFormat('en-US', { timeZone: options.timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'long', hour: 'numeric', minute: '2-digit', second: '2-digit', hour12: true });
    for (const part of f.formatToParts(new Date(ms))) p[part.type] = part.value;
    return p;
  };
  const at = parts(seconds * 1000);
  const y = Number(at.year);
  const m = Number(at.month);
  const d = Number(at.day);
  const ordinal = (/** @type {number} */ n) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
  const month = MONTHS[m - 1] ?? '';
  const dayKey = (/** @type {Record<string, string>} */ p) => `${p.year}-${p.month}-${p.day}`;
  const now = options.now ?? Date.now();
  const pretty = (/** @type {string} */ plain) => {
    const key = dayKey(at);
    if (key === dayKey(parts(now))) return 'Today';
    if (key === dayKey(parts(now - 86_400_000))) return 'Yesterday';
    if (key === dayKey(parts(now + 86_400_000))) return 'Tomorrow';
    return plain;
  };
  const ago = () => {
    const minutes = Math.round((now - seconds * 1000) / 60_000);
    if (Math.abs(minutes) < 1) return 'just now';
    if (Math.abs(minutes) < 60) return minutes > 0 ? `${minutes} minutes ago` : `in ${-minutes} minutes`;
    const hours = Math.round(minutes / 60);
    if (Math.abs(hours) < 24) return hours > 0 ? `${hours} hours ago` : `in ${-hours} hours`;
    const days = Math.round(hours / 24);
    return days > 0 ? `${days} days ago` : `in ${-days} days`;
  };
  const dateLong = `${at.weekday}, ${month} ${ordinal(d)}, ${y}`;
  const date = `${month} ${ordinal(d)}, ${y}`;
  const dateShort = `${month.slice(0, 3)} ${d}, ${y}`;
  /** @type {Record<string, () => string>} */
  const tokens = {
    date_num: () => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    date: () => date,
    date_short: () => dateShort,
    date_long: () => dateLong,
    date_pretty: () => pretty(date),
    date_short_pretty: () => pretty(dateShort),
    date_long_pretty: () => pretty(dateLong),
    time: () => `${at.hour}:${at.minute} ${at.dayPeriod}`,
    time_secs: () => `${at.hour}:${at.minute}:${at.second} ${at.dayPeriod}`,
    ago,
  };
  let unknown = false;
  const text = format.replace(/\{(\w+)\}/g, (_, name) => {
    const token = tokens[name];
    if (!token) unknown = true;
    return token ? token() : '';
  });
  return unknown || !format ? fallback : text;
}

/** `{name}` placeholders of the sandbox's own wording. */
export function fill(/** @type {string} */ template, /** @type {Record<string, string | number>} */ values) {
  return template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));
}

// ── read positions and the message box's history, pure ─────────────────────────────────────────

/**
 * How many messages of a conversation a person has not seen: those after their read position, in
 * the channel itself (thread replies are not counted, as in Slack), written by someone else. Slack
 * timestamps have six digits of micros, so as strings they order by length, then by character.
 * @param {Array<{ ts: string, user: string, threadTs?: string }>} messages
 * @param {string | undefined} readUpTo @param {string} me
 */
export function countUnread(messages, readUpTo, me) {
  const after = (/** @type {string} */ ts) => readUpTo === undefined || ts.length > readUpTo.length || (ts.length === readUpTo.length && ts > readUpTo);
  return messages.filter((m) => m.user !== me && (!m.threadTs || m.threadTs === m.ts) && after(m.ts)).length;
}

/**
 * A shell's history of the lines a person sent: ↑ walks back through them, ↓ forward and, past the
 * newest, back to the line being typed before the walk began.
 * @param {number} [limit]
 */
export function createLineHistory(limit = 100) {
  /** @type {string[]} */
  const lines = [];
  let position = 0;
  let draft = '';
  return {
    add(/** @type {string} */ line) {
      if (lines.at(-1) !== line) lines.push(line);
      if (lines.length > limit) lines.shift();
      position = lines.length;
    },
    /**
     * The line to show after ↑ (`-1`) or ↓ (`+1`) with `typed` in the box, or null where the walk ends.
     * @param {-1 | 1} step @param {string} typed
     */
    move(step, typed) {
      let next = position + step;
      // A line like the one in the box (a refused line stays there) would make ↑ seem to do nothing.
      while (next >= 0 && next < lines.length && lines[next] === typed) next += step;
      if (next < 0 || next > lines.length) return null;
      if (position === lines.length) draft = typed;
      position = next;
      return position === lines.length ? draft : (lines[position] ?? '');
    },
    /** The person typed: the next ↑ starts again from the newest line. */
    restart() {
      position = lines.length;
    },
  };
}

// ── the page ────────────────────────────────────────────────────────────────────────────────────
if (typeof document !== 'undefined') startPage();

function startPage() {
  /** @typedef {{ channel: string, ts: string, user: string, text: string, blocks: any[], threadTs?: string, ephemeralFor?: string, edited?: boolean }} Msg */
  /** @typedef {{ id: string, type: string, hash: string, blocks: any[], [key: string]: any }} View */

  const root = /** @type {HTMLElement} */ (document.getElementById('root'));
  const dialog = /** @type {HTMLDialogElement} */ (document.getElementById('modal'));
  const toasts = /** @type {HTMLElement} */ (document.getElementById('toasts'));
  const params = new URLSearchParams(location.search);

  /** @type {any} */ let snap = null;
  /** @type {Record<string, Msg[]>} */ let conversations = {};
  /** @type {{ kind: 'channel', id: string } | { kind: 'app', tab: 'home' | 'messages' }} */
  let current = { kind: 'channel', id: params.get('in') ?? '' };
  /** @type {{ channel: string, ts: string } | null} */ let thread = null;
  /** @type {View | null} */ let modal = null;
  /** conversation → the ts this person has read up to; the workspace keeps it for each person. */
  /** @type {Record<string, string>} */ let lastRead = {};
  /** Each person's sent lines, for ↑ in the message box; kept only while the page is open, since a
   * refused line may hold what the data guard refused. */
  /** @type {Map<string, ReturnType<typeof createLineHistory>>} */
  const lineHistories = new Map();
  /** @type {EventSource | null} */ let stream = null;
  let connected = false;
  let me = params.get('as') ?? '';
  /** Elements kept across re-renders so typing and focus survive incoming messages. */
  /** @type {{ list?: HTMLElement, scroll?: HTMLElement, input?: HTMLInputElement }} */
  let live = {};
  /** Below this width the sidebar is a drawer over the pane (style.css holds the same figure). */
  const narrow = matchMedia('(max-width: 700px)');
  let drawerOpen = false;

  const T = (/** @type {string} */ key, /** @type {Record<string, string | number>} */ values = {}) => fill(String(snap?.text?.[key] ?? key), values);

  /** The chrome's icons, drawn inline so they need no font and no file. */
  const ICONS = {
    menu: 'M2 3.5h12V5H2zm0 3.75h12v1.5H2zM2 11h12v1.5H2z',
    lock: 'M5 7V5a3 3 0 0 1 6 0v2h1a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h1zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2z',
    eye: 'M8 3C4.5 3 1.7 5.3 1 8c.7 2.7 3.5 5 7 5s6.3-2.3 7-5c-.7-2.7-3.5-5-7-5zm0 8.2A3.2 3.2 0 1 1 8 4.8a3.2 3.2 0 0 1 0 6.4zM8 6.4a1.6 1.6 0 1 0 0 3.2 1.6 1.6 0 0 0 0-3.2z',
  };
  function icon(/** @type {keyof typeof ICONS} */ name) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 16 16');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('class', 'icon');
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', ICONS[name]);
    path.setAttribute('fill', 'currentColor');
    svg.append(path);
    return svg;
  }

  // ── tiny DOM helper: attributes and children; strings become text nodes, never markup ──
  /**
   * @param {string} tag @param {Record<string, any> | null} [attrs] @param {...any} children
   * @returns {HTMLElement}
   */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs ?? {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else if (key === 'class') el.className = value;
      else if (key in el && typeof value !== 'string') /** @type {any} */ (el)[key] = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  // ── connection ──
  async function api(/** @type {string} */ action, /** @type {Record<string, unknown>} */ body) {
    const res = await fetch(`/sandbox/api/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: me, ...body }) });
    return res.json();
  }

  function connect() {
    stream?.close();
    stream = new EventSource(`/sandbox/events?as=${encodeURIComponent(me)}`);
    stream.onmessage = (event) => onEvent(JSON.parse(event.data));
    stream.onerror = () => {
      connected = false;
      renderTopbar();
    };
  }

  function onEvent(/** @type {any} */ event) {
    if (event.type === 'snapshot') {
      const first = !snap;
      snap = event;
      me = event.me;
      connected = true;
      conversations = event.conversations;
      lastRead = event.lastRead ?? {};
      if (current.kind === 'channel' && !conversations[current.id]) current = { kind: 'channel', id: event.channels[0]?.id ?? event.app.dm };
      if (first) document.title = T('documentTitle');
      setUrl();
      markSeen(currentConversation());
      renderAll();
      showModal(event.modal);
      if (current.kind === 'app') api('app-home', { tab: current.tab }).catch(() => {});
      return;
    }
    if (!snap) return;
    if (event.type === 'message') onMessage(event.message, event.deleted);
    else if (event.type === 'modal') showModal(event.view);
    else if (event.type === 'home') {
      snap.home = event.view;
      if (current.kind === 'app' && current.tab === 'home') renderPane();
    } else if (event.type === 'notice') toast(event.text);
  }

  function onMessage(/** @type {Msg} */ message, /** @type {boolean} */ deleted) {
    const list = conversations[message.channel] ?? [];
    conversations[message.channel] = list;
    const index = list.findIndex((m) => m.ts === message.ts);
    if (deleted) {
      if (index >= 0) list.splice(index, 1);
    } else if (index >= 0) list[index] = message;
    else list.push(message);
    const shown = currentConversation() === message.channel;
    if (shown) {
      const stick = live.scroll ? live.scroll.scrollHeight - live.scroll.scrollTop - live.scroll.clientHeight < 40 : true;
      showMessageChange(message, deleted, index >= 0);
      if (stick && live.scroll) live.scroll.scrollTop = live.scroll.scrollHeight;
      markSeen(message.channel);
    } else if (index < 0 || deleted) {
      // A message arrived, or went, where this person is not looking: the counts change.
      renderSidebar();
    }
    if (thread && thread.channel === message.channel) renderThread();
  }

  function currentConversation() {
    return current.kind === 'channel' ? current.id : current.tab === 'messages' ? snap.app.dm : null;
  }

  /** The person sees a conversation to its end: the workspace moves their read position there. */
  function markSeen(/** @type {string | null} */ channel) {
    const latest = channel ? conversations[channel]?.at(-1)?.ts : undefined;
    if (!channel || !latest || lastRead[channel] === latest) return;
    lastRead[channel] = latest;
    api('mark', { channel, ts: latest }).catch(() => {});
  }

  function unreadIn(/** @type {string} */ channel) {
    return countUnread(conversations[channel] ?? [], lastRead[channel], me);
  }

  // ── layout ──
  function renderAll() {
    root.removeAttribute('aria-busy');
    root.replaceChildren(
      h('header', { class: 'topbar', id: 'topbar' }),
      h('nav', { class: 'sidebar', id: 'sidebar', 'aria-label': snap.team.name }),
      h('div', { class: 'scrim', 'aria-hidden': 'true', onclick: () => closeDrawer(true) }),
      h('main', { class: 'pane', id: 'pane' }),
    );
    renderTopbar();
    renderSidebar();
    renderPane();
    renderThread();
  }

  function renderTopbar() {
    const bar = document.getElementById('topbar');
    if (!bar || !snap) return;
    const menu = h(
      'button',
      { type: 'button', class: 'icon-button menu-button', id: 'menu-button', 'aria-controls': 'sidebar', 'aria-expanded': String(drawerOpen), onclick: () => (drawerOpen ? closeDrawer(true) : openDrawer()) },
      icon('menu'),
      h('span', { class: 'visually-hidden' }, T('openSidebar')),
      h('span', { class: 'menu-mark', id: 'menu-mark', hidden: true }, h('span', { class: 'visually-hidden' }, `, ${T('unread')}`)),
    );
    bar.replaceChildren(menu, h('strong', null, T('documentTitle')), h('span', { class: 'note' }, T('workspaceNote')));
    if (!connected) bar.append(h('span', { class: 'banner', role: 'alert' }, T('reconnecting')));
    showMenuMark();
  }

  // ── the sidebar as a drawer on a small screen: the menu button opens it, a choice closes it ──
  function openDrawer() {
    if (!narrow.matches) return;
    setDrawer(true);
    const here = /** @type {HTMLElement | null} */ (document.querySelector('#sidebar [aria-current="page"]') ?? document.getElementById('person'));
    here?.focus();
  }

  /** @param {boolean} [backToMenu] whether focus returns to the menu button (closed without a choice) */
  function closeDrawer(backToMenu = false) {
    if (!drawerOpen) return;
    setDrawer(false);
    if (backToMenu) document.getElementById('menu-button')?.focus();
  }

  function setDrawer(/** @type {boolean} */ open) {
    drawerOpen = open;
    root.classList.toggle('drawer-open', open);
    document.getElementById('menu-button')?.setAttribute('aria-expanded', String(open));
    // While the drawer covers the page, what lies under it cannot be reached by Tab or a screen reader.
    for (const id of ['pane', 'thread']) {
      const el = document.getElementById(id);
      if (el) el.inert = open;
    }
  }

  narrow.addEventListener('change', () => setDrawer(false));

  // The on-screen keyboard shrinks the visual viewport; a phone's layout (style.css) is sized to it,
  // so the message box and a modal's buttons stay above the keyboard in every browser.
  const viewport = window.visualViewport;
  const fitViewport = () => {
    if (!viewport) return;
    document.documentElement.style.setProperty('--app-height', `${Math.round(viewport.height)}px`);
    document.documentElement.style.setProperty('--app-top', `${Math.round(viewport.offsetTop)}px`);
  };
  viewport?.addEventListener('resize', fitViewport);
  viewport?.addEventListener('scroll', fitViewport);
  fitViewport();
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && drawerOpen) closeDrawer(true);
  });

  /**
   * After a person picks where to go: the message box on a large screen; on a small one the pane's
   * title, so that the on-screen keyboard does not cover the conversation just opened.
   */
  function focusPane() {
    if (narrow.matches) document.getElementById('pane-title')?.focus({ preventScroll: true });
    else live.input?.focus();
  }

  function person(/** @type {string} */ id) {
    return snap.people.find((/** @type {any} */ p) => p.id === id);
  }

  function renderSidebar() {
    const nav = document.getElementById('sidebar');
    if (!nav) return;
    // The sidebar is redrawn as messages arrive: whatever in it had focus keeps it.
    const active = document.activeElement;
    const focused = active && nav.contains(active) ? (active.getAttribute('data-nav') ?? active.id) : null;
    const self = person(me);
    const select = h(
      'select',
      { id: 'person', onchange: (/** @type {Event} */ e) => switchPerson(/** @type {HTMLSelectElement} */ (e.target).value) },
      snap.people.map((/** @type {any} */ p) => h('option', { value: p.id, selected: p.id === me }, `${p.name} — ${p.title}`)),
    );
    const item = (/** @type {string} */ key, /** @type {boolean} */ active, /** @type {any} */ glyph, /** @type {string} */ label, /** @type {() => void} */ go, /** @type {string} */ extraLabel = '') => {
      const count = unreadIn(key);
      return h(
        'li',
        null,
        h(
          'button',
          { type: 'button', class: `nav-item${count ? ' unread' : ''}`, 'data-nav': key, 'aria-current': active ? 'page' : undefined, onclick: go },
          h('span', { class: 'glyph', 'aria-hidden': 'true' }, glyph),
          h('span', { class: 'label' }, label),
          extraLabel ? h('span', { class: 'visually-hidden' }, extraLabel) : null,
          count ? h('span', { class: 'badge' }, h('span', { 'aria-hidden': 'true' }, String(count)), h('span', { class: 'visually-hidden' }, `, ${T(count === 1 ? 'unreadOne' : 'unreadMany', { count })}`)) : null,
        ),
      );
    };
    nav.replaceChildren(
      h('h1', null, snap.team.name),
      h('p', { class: 'note-small' }, T('workspaceNote')),
      h('div', { class: 'person' }, h('label', { for: 'person' }, T('youAre')), select, self ? h('span', { class: 'title' }, self.title) : null),
      h('h2', { id: 'channels-heading' }, T('channels')),
      h(
        'ul',
        { 'aria-labelledby': 'channels-heading' },
        snap.channels.map((/** @type {any} */ c) =>
          item(c.id, current.kind === 'channel' && current.id === c.id, c.isPrivate ? icon('lock') : '#', c.name, () => openChannel(c.id), c.isPrivate ? `, ${T('privateChannel')}` : ''),
        ),
      ),
      h('h2', { id: 'apps-heading' }, T('apps')),
      h(
        'ul',
        { 'aria-labelledby': 'apps-heading' },
        item(snap.app.dm, current.kind === 'app', appGlyph(), snap.app.name, () => openApp(snap.app.homeTab ? 'home' : 'messages')),
      ),
    );
    if (focused) /** @type {HTMLElement | null} */ (nav.querySelector(`[data-nav="${CSS.escape(focused)}"]`) ?? document.getElementById(focused))?.focus();
    showMenuMark();
  }

  /** On a small screen the sidebar is folded away: its menu button says when something is unread elsewhere. */
  function showMenuMark() {
    const mark = document.getElementById('menu-mark');
    const elsewhere = [...snap.channels.map((/** @type {any} */ c) => c.id), snap.app.dm].some((key) => key !== currentConversation() && unreadIn(key) > 0);
    if (mark) mark.hidden = !elsewhere;
  }

  function appGlyph() {
    const glyph = h('span', { class: 'app-glyph', 'aria-hidden': 'true' }, snap.app.name.slice(0, 1));
    glyph.style.background = snap.app.color;
    return glyph;
  }

  function switchPerson(/** @type {string} */ id) {
    closeDrawer();
    me = id;
    snap = null;
    lastRead = {};
    thread = null;
    modal = null;
    if (dialog.open) dialog.close();
    setUrl();
    connect();
  }

  function setUrl() {
    const where = current.kind === 'channel' ? current.id : current.tab;
    history.replaceState(null, '', `?as=${encodeURIComponent(me)}&in=${encodeURIComponent(where)}`);
  }

  function openChannel(/** @type {string} */ id) {
    if (!snap) return; // between a switch of person and their workspace's arrival
    current = { kind: 'channel', id };
    thread = null;
    markSeen(id);
    setUrl();
    closeDrawer();
    renderSidebar();
    renderPane();
    renderThread();
    focusPane();
  }

  function openApp(/** @type {'home' | 'messages'} */ tab) {
    if (!snap) return;
    const fromTab = document.activeElement?.getAttribute('role') === 'tab';
    current = { kind: 'app', tab };
    thread = null;
    if (tab === 'messages') markSeen(snap.app.dm);
    setUrl();
    closeDrawer();
    renderSidebar();
    renderPane();
    renderThread();
    if (fromTab) document.getElementById(`tab-${tab}`)?.focus();
    else if (narrow.matches) focusPane();
    // Slack tells the app each time a person enters its Home or Messages tab.
    api('app-home', { tab }).catch(() => {});
  }

  // ── the main pane: a channel, the app's Messages tab, or its Home tab ──
  function renderPane() {
    const pane = document.getElementById('pane');
    if (!pane) return;
    live = {};
    if (current.kind === 'app') {
      const tabs = /** @type {const} */ (['home', 'messages']).filter((t) => t === 'messages' || snap.app.homeTab);
      const tabButtons = tabs.map((t) =>
        h('button', { type: 'button', role: 'tab', class: 'tab', id: `tab-${t}`, 'aria-selected': String(current.kind === 'app' && current.tab === t), 'aria-controls': 'tab-panel', onclick: () => openApp(t) }, T(t)),
      );
      const header = h('div', { class: 'pane-header' }, h('h2', { id: 'pane-title', tabindex: '-1' }, appGlyph(), snap.app.name), h('div', { class: 'tabs', role: 'tablist', 'aria-label': snap.app.name }, tabButtons));
      if (current.tab === 'home') {
        pane.replaceChildren(header, h('section', { class: 'scroll', id: 'tab-panel', role: 'tabpanel', 'aria-labelledby': 'tab-home' }, renderHome()));
        return;
      }
      const scroll = h('section', { class: 'scroll', id: 'tab-panel', role: 'tabpanel', 'aria-labelledby': 'tab-messages' });
      pane.replaceChildren(header, scroll, ...composer(snap.app.dm, snap.app.name));
      live.scroll = scroll;
      renderMessageList();
      scroll.scrollTop = scroll.scrollHeight;
      return;
    }
    const channel = snap.channels.find((/** @type {any} */ c) => c.id === current.id);
    const name = channel ? `#${channel.name}` : current.id;
    const scroll = h('section', { class: 'scroll', 'aria-label': name });
    const title = channel?.isPrivate ? [icon('lock'), channel.name, h('span', { class: 'visually-hidden' }, `, ${T('privateChannel')}`)] : name;
    pane.replaceChildren(h('div', { class: 'pane-header' }, h('h2', { id: 'pane-title', tabindex: '-1' }, title)), scroll, ...composer(current.id, channel ? `#${channel.name}` : name));
    live.scroll = scroll;
    renderMessageList();
    scroll.scrollTop = scroll.scrollHeight;
  }

  function renderHome() {
    const view = snap.home;
    if (!view) return h('p', { class: 'empty' }, T('noHome'));
    return h('div', { class: 'home', 'data-view-id': view.id }, renderBlocks(view.blocks, { surface: 'home', view }));
  }

  function renderMessageList() {
    const channel = currentConversation();
    if (!channel || !live.scroll) return;
    const all = conversations[channel] ?? [];
    const top = all.filter((m) => !m.threadTs || m.threadTs === m.ts);
    const list = h('ul', { class: 'messages', role: 'log', 'aria-live': 'polite' }, top.map((m) => renderMessage(m, all)));
    const empty = h('p', { class: 'empty', hidden: top.length > 0 }, T('noMessages'));
    const readOnly = channel === snap.app.dm && snap.app.messagesTabReadOnly ? h('p', { class: 'notice-line' }, T('readOnlyDm')) : null;
    live.list = list;
    live.scroll.replaceChildren(empty, list, ...(readOnly ? [readOnly] : []));
  }

  /**
   * One message changed in the conversation on screen: its row is added, replaced in place or
   * removed (a reply re-draws its parent's reply count), so the log region announces just that.
   */
  function showMessageChange(/** @type {Msg} */ message, /** @type {boolean} */ deleted, /** @type {boolean} */ existed) {
    const list = live.list;
    if (!list) return;
    const all = conversations[message.channel] ?? [];
    const isReply = Boolean(message.threadTs && message.threadTs !== message.ts);
    const rowTs = isReply ? message.threadTs : message.ts;
    const row = [...list.children].find((li) => li.getAttribute('data-ts') === rowTs);
    const shown = all.find((m) => m.ts === rowTs);
    if (!shown) row?.remove();
    else {
      const fresh = renderMessage(shown, all);
      if (row) row.replaceWith(fresh);
      else list.append(fresh);
      if (existed && !isReply && !deleted) fresh.classList.add('flash');
    }
    const empty = live.scroll?.querySelector('.empty');
    if (empty) /** @type {HTMLElement} */ (empty).hidden = list.children.length > 0;
  }

  function authorOf(/** @type {Msg} */ m) {
    if (m.user === snap.app.botUserId) return { name: snap.app.name, app: true, color: snap.app.color };
    if (m.user === 'USLACKBOT') return { name: 'Slackbot', app: false, color: '#36c5f0' };
    const p = person(m.user);
    return { name: p?.name ?? m.user, app: false, color: colourFor(m.user) };
  }

  function colourFor(/** @type {string} */ id) {
    const palette = ['#2b6cb0', '#2f855a', '#b7791f', '#9b2c2c', '#6b46c1', '#2c7a7b', '#c05621'];
    let n = 0;
    for (const ch of id) n = (n * 31 + ch.charCodeAt(0)) % 997;
    return palette[n % palette.length];
  }

  /** @param {Msg} m @param {Msg[]} all @param {boolean} [inThread] */
  function renderMessage(m, all, inThread = false) {
    const author = authorOf(m);
    const avatar = h('div', { class: 'avatar', 'aria-hidden': 'true' }, author.name.slice(0, 1));
    avatar.style.background = author.color;
    const seconds = Number(m.ts);
    const time = new Date(seconds * 1000);
    const replies = inThread ? [] : all.filter((r) => r.threadTs === m.ts && r.ts !== m.ts);
    return h(
      'li',
      { class: `msg${m.ephemeralFor ? ' ephemeral' : ''}`, 'data-ts': m.ts, 'data-channel': m.channel },
      avatar,
      h(
        'div',
        { class: 'msg-main' },
        m.ephemeralFor ? h('div', { class: 'only-you' }, icon('eye'), T('onlyVisibleToYou')) : null,
        h(
          'div',
          { class: 'msg-head' },
          h('span', { class: 'name' }, author.name),
          author.app ? h('span', { class: 'app-badge' }, T('appBadge')) : null,
          h('time', { datetime: time.toISOString(), title: time.toLocaleString() }, time.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' })),
          m.edited ? h('span', { class: 'edited' }, T('edited')) : null,
        ),
        m.blocks?.length ? renderBlocks(m.blocks, { surface: 'message', message: m }) : h('div', { class: 'mrkdwn' }, renderMrkdwn(m.text)),
        replies.length
          ? h('button', { type: 'button', class: 'replies', onclick: () => openThread(m) }, replies.length === 1 ? T('reply') : T('replies', { count: replies.length }))
          : null,
      ),
    );
  }

  function openThread(/** @type {Msg} */ m) {
    thread = { channel: m.channel, ts: m.ts };
    renderThread();
    document.getElementById('thread-close')?.focus();
  }

  function renderThread() {
    document.getElementById('thread')?.remove();
    root.classList.toggle('with-thread', Boolean(thread));
    if (!thread) return;
    const all = conversations[thread.channel] ?? [];
    const parent = all.find((m) => thread && m.ts === thread.ts);
    if (!parent) {
      thread = null;
      root.classList.remove('with-thread');
      return;
    }
    const replies = all.filter((m) => m.threadTs === parent.ts && m.ts !== parent.ts);
    root.append(
      h(
        'aside',
        { class: 'thread', id: 'thread', 'aria-labelledby': 'thread-title', inert: drawerOpen },
        h(
          'div',
          { class: 'thread-header' },
          h('h2', { id: 'thread-title' }, T('thread')),
          h('button', { type: 'button', class: 'icon-button', id: 'thread-close', 'aria-label': T('closeThread'), onclick: closeThread }, '×'),
        ),
        h(
          'ul',
          { class: 'messages scroll', role: 'log' },
          renderMessage(parent, all, true),
          h('li', { class: 'divider-line' }, replies.length === 1 ? T('reply') : T('replies', { count: replies.length })),
          replies.map((r) => renderMessage(r, all, true)),
        ),
      ),
    );
  }

  function closeThread() {
    thread = null;
    renderThread();
    live.input?.focus();
  }

  // ── the message box, with the app's commands completed from its manifest ──
  /** @returns {HTMLElement[]} */
  function composer(/** @type {string} */ channel, /** @type {string} */ name) {
    const input = /** @type {HTMLInputElement} */ (
      h('input', {
        type: 'text',
        id: 'composer-input',
        autocomplete: 'off',
        role: 'combobox',
        'aria-autocomplete': 'list',
        'aria-expanded': 'false',
        'aria-controls': 'suggestions',
        'aria-describedby': 'usage',
        'aria-label': T('messageLabel', { name }),
        // A phone's box is narrow: the pane's title above it already names the conversation.
        placeholder: T(narrow.matches ? 'messagePlaceholderShort' : 'messagePlaceholder', { name }),
        enterkeyhint: 'send',
      })
    );
    const sent = lineHistory();
    const listbox = h('ul', { class: 'suggestions', id: 'suggestions', role: 'listbox', 'aria-label': T('commandSuggestions'), hidden: true });
    const usage = h('div', { class: 'usage', id: 'usage' });
    let matches = /** @type {any[]} */ ([]);
    let active = -1;

    /** @param {{ suggest?: boolean }} [options] a line recalled with ↑ opens no suggestions, so ↑ goes on walking */
    const update = ({ suggest = true } = {}) => {
      const text = input.value;
      const typing = suggest && /^\/\S*$/.exec(text);
      const command = snap.commands.find((/** @type {any} */ c) => text.startsWith(`${c.command} `) || text === c.command);
      usage.textContent = command ? `${command.command} ${command.usageHint}` : '';
      matches = typing ? snap.commands.filter((/** @type {any} */ c) => c.command.startsWith(text) && c.command !== text) : [];
      active = matches.length ? Math.min(Math.max(active, 0), matches.length - 1) : -1;
      listbox.replaceChildren(
        ...(matches.length ? [h('li', { class: 'heading', role: 'presentation' }, T('commandSuggestions'))] : []),
        ...matches.map((c, i) =>
          h(
            'li',
            { role: 'option', id: `suggestion-${i}`, class: 'suggestion', 'aria-selected': String(i === active), onmousedown: (/** @type {Event} */ e) => { e.preventDefault(); pick(i); } },
            h('span', { class: 'cmd' }, c.command, ' ', h('span', { class: 'hint' }, c.usageHint)),
            h('span', { class: 'desc' }, c.description),
          ),
        ),
      );
      listbox.hidden = matches.length === 0;
      input.setAttribute('aria-expanded', String(matches.length > 0));
      if (active >= 0) input.setAttribute('aria-activedescendant', `suggestion-${active}`);
      else input.removeAttribute('aria-activedescendant');
    };
    const pick = (/** @type {number} */ i) => {
      const chosen = matches[i];
      if (!chosen) return;
      input.value = `${chosen.command} `;
      active = -1;
      update();
      input.focus();
    };
    input.addEventListener('input', () => {
      active = 0;
      sent.restart();
      update();
    });
    input.addEventListener('keydown', (event) => {
      if (!listbox.hidden && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        event.preventDefault();
        active = (active + (event.key === 'ArrowDown' ? 1 : -1) + matches.length) % matches.length;
        update();
      } else if (!listbox.hidden && (event.key === 'Tab' || event.key === 'Enter') && active >= 0) {
        event.preventDefault();
        pick(active);
      } else if (event.key === 'Escape' && !listbox.hidden) {
        matches = [];
        listbox.hidden = true;
        input.setAttribute('aria-expanded', 'false');
      } else if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && !event.isComposing && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
        // Like a shell: ↑ brings back the lines sent before, ↓ returns towards the one being typed.
        const line = sent.move(event.key === 'ArrowUp' ? -1 : 1, input.value);
        if (line === null) return;
        event.preventDefault();
        input.value = line;
        input.setSelectionRange(line.length, line.length);
        update({ suggest: false });
      }
    });
    input.addEventListener('blur', () => {
      listbox.hidden = true;
      input.setAttribute('aria-expanded', 'false');
    });
    const form = h(
      'form',
      {
        class: 'composer',
        onsubmit: async (/** @type {Event} */ event) => {
          event.preventDefault();
          const text = input.value.trim();
          if (!text) return;
          sent.add(text);
          input.value = '';
          update();
          let through = false;
          try {
            const answer = await api('send', { channel, text });
            if (!answer.ok && answer.error === 'read_only') toast(T('readOnlyDm'));
            through = answer.ok && (answer.outcome === 'posted' || answer.outcome === 'answered');
          } catch {
            toast(T('sendTrouble'));
          }
          // Refused or not delivered: the line comes back to be mended, unless the person has moved on.
          if (!through && input.isConnected && input.value === '') {
            input.value = text;
            update({ suggest: false });
          }
        },
      },
      listbox,
      input,
      h('button', { type: 'submit', class: 'send' }, T('send')),
    );
    live.input = input;
    return [form, usage];
  }

  /** The lines the current person sent, across channels and person switches. */
  function lineHistory() {
    let lines = lineHistories.get(me);
    if (!lines) {
      lines = createLineHistory();
      lineHistories.set(me, lines);
    }
    return lines;
  }

  // ── mrkdwn and Block Kit rendering ──
  function renderMrkdwn(/** @type {string} */ text) {
    const fragment = document.createDocumentFragment();
    for (const node of parseMrkdwn(text)) fragment.append(mrkdwnNode(node));
    return fragment;
  }

  /** @returns {Node} */
  function mrkdwnNode(/** @type {MrkdwnNode} */ node) {
    switch (node.t) {
      case 'text':
        return document.createTextNode(node.v);
      case 'br':
        return h('br');
      case 'b':
        return h('strong', null, node.c.map(mrkdwnNode));
      case 'i':
        return h('em', null, node.c.map(mrkdwnNode));
      case 's':
        return h('s', null, node.c.map(mrkdwnNode));
      case 'quote':
        return h('blockquote', null, node.c.map(mrkdwnNode));
      case 'code':
        return h('code', null, node.v);
      case 'pre':
        return h('pre', null, node.v);
      case 'user': {
        const name = node.id === snap.app.botUserId ? snap.app.name : (person(node.id)?.name ?? node.id);
        return h('span', { class: `mention${node.id === me ? ' me' : ''}` }, `@${name}`);
      }
      case 'channel': {
        const name = snap.channelNames[node.id] ?? node.name ?? node.id;
        const joined = snap.channels.some((/** @type {any} */ c) => c.id === node.id);
        return joined ? h('a', { href: `?as=${me}&in=${node.id}`, class: 'channel-link', onclick: (/** @type {Event} */ e) => { e.preventDefault(); openChannel(node.id); } }, `#${name}`) : h('span', { class: 'channel-link' }, `#${name}`);
      }
      case 'date':
        return h('time', { datetime: new Date(node.ts * 1000).toISOString() }, formatSlackDate(node.ts, node.format, node.fallback));
      case 'broadcast':
        return h('span', { class: 'mention' }, node.name);
      case 'link': {
        const href = safeHref(node.url);
        return href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, node.label) : document.createTextNode(node.label);
      }
      case 'emoji': {
        const emoji = emojiFor(node.name);
        return emoji ? h('span', { class: 'emoji', title: `:${node.name}:` }, emoji) : document.createTextNode(`:${node.name}:`);
      }
    }
  }

  function unsupported(/** @type {string} */ type, /** @type {string} */ kind) {
    const [before, after] = T('unsupported', { kind: T(kind) }).split('{type}');
    return h('div', { class: 'unsupported', role: 'note' }, before ?? '', h('code', null, String(type)), after ?? '');
  }

  function textObject(/** @type {any} */ text) {
    if (!text || typeof text.text !== 'string') return unsupported(String(text?.type ?? 'missing'), 'text');
    if (text.type === 'mrkdwn') return h('div', { class: 'mrkdwn' }, renderMrkdwn(text.text));
    if (text.type === 'plain_text') return h('span', { class: 'plain' }, plain(text));
    return unsupported(text.type, 'text');
  }

  /** A plain_text object's words; Slack draws its emoji codes unless the app sent `emoji: false`. */
  function plain(/** @type {any} */ text) {
    if (!text || typeof text.text !== 'string') return '';
    return text.emoji === false ? text.text : emojify(text.text);
  }

  /**
   * @typedef {{ surface: 'message' | 'home' | 'modal', message?: Msg, view?: View, errors?: Record<string, string> }} Surface
   * @param {any[]} blocks @param {Surface} surface
   */
  function renderBlocks(blocks, surface) {
    return h('div', { class: 'blocks' }, blocks.map((block) => renderBlock(block, surface)));
  }

  function renderBlock(/** @type {any} */ block, /** @type {Surface} */ surface) {
    switch (block?.type) {
      case 'header':
        return h('div', { class: 'b-header', role: 'heading', 'aria-level': '3' }, plain(block.text));
      case 'section':
        return h(
          'div',
          { class: 'b-section' },
          h(
            'div',
            { class: 'b-section-body' },
            block.text ? textObject(block.text) : null,
            Array.isArray(block.fields) ? h('div', { class: 'b-fields' }, block.fields.map(textObject)) : null,
          ),
          block.accessory ? interactive(block.accessory, block, surface) : null,
        );
      case 'context':
        return h(
          'div',
          { class: 'b-context' },
          (block.elements ?? []).map((/** @type {any} */ e) => (e?.type === 'mrkdwn' || e?.type === 'plain_text' ? textObject(e) : unsupported(e?.type, 'element'))),
        );
      case 'divider':
        return h('hr', { class: 'b-divider' });
      case 'actions':
        return h('div', { class: 'b-actions', role: 'group' }, (block.elements ?? []).map((/** @type {any} */ e) => interactive(e, block, surface)));
      case 'input':
        return surface.view ? renderInput(block, surface) : unsupported('input', 'block');
      default:
        return unsupported(block?.type, 'block');
    }
  }

  function interactive(/** @type {any} */ element, /** @type {any} */ block, /** @type {Surface} */ surface) {
    if (element?.type !== 'button') return unsupported(element?.type, 'element');
    const style = element.style === 'primary' || element.style === 'danger' ? ` ${element.style}` : '';
    return h(
      'button',
      {
        type: 'button',
        class: `btn${style}`,
        'aria-label': element.accessibility_label,
        onclick: async (/** @type {Event} */ event) => {
          const button = /** @type {HTMLButtonElement} */ (event.currentTarget);
          if (element.confirm && !window.confirm(`${plain(element.confirm.title)}\n\n${element.confirm.text?.text ?? ''}`)) return;
          if (element.url && safeHref(element.url)) window.open(element.url, '_blank', 'noopener');
          button.disabled = true;
          try {
            await clickButton(element, block, surface);
          } finally {
            button.disabled = false;
          }
        },
      },
      plain(element.text),
    );
  }

  async function clickButton(/** @type {any} */ element, /** @type {any} */ block, /** @type {Surface} */ surface) {
    if (surface.message) {
      await api('click', { surface: 'message', channel: surface.message.channel, ts: surface.message.ts, blockId: block.block_id, actionId: element.action_id });
      return;
    }
    const view = /** @type {View} */ (surface.view);
    const container = /** @type {HTMLElement | null} */ (document.querySelector(`[data-view-id="${view.id}"]`));
    const values = container ? collectValues(view, container).values : {};
    await api('click', { surface: 'view', viewId: view.id, blockId: block.block_id, actionId: element.action_id, values });
  }

  // ── input blocks: labelled controls that submit what Slack's would ──
  function controlId(/** @type {View} */ view, /** @type {any} */ block) {
    return `in-${view.id}-${String(block.block_id).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  }

  function optionLabel(/** @type {any} */ option) {
    return option?.text?.type === 'mrkdwn' ? renderMrkdwn(option.text.text) : plain(option?.text);
  }

  function allOptions(/** @type {any} */ element) {
    return element.option_groups ? element.option_groups.flatMap((/** @type {any} */ g) => g.options ?? []) : (element.options ?? []);
  }

  function renderInput(/** @type {any} */ block, /** @type {Surface} */ surface) {
    const view = /** @type {View} */ (surface.view);
    const el = block.element ?? {};
    const id = controlId(view, block);
    const hintId = `${id}-hint`;
    const errorId = `${id}-error`;
    const described = [block.hint ? hintId : '', errorId].filter(Boolean).join(' ');
    const labelText = () => [plain(block.label), block.optional ? h('span', { class: 'optional' }, ` ${T('optional')}`) : null];
    const hint = block.hint ? h('div', { class: 'hint', id: hintId }, plain(block.hint)) : null;
    const error = h('div', { class: 'error', id: errorId, hidden: true });
    const common = { id, name: id, 'aria-describedby': described, 'aria-required': block.optional ? undefined : 'true' };
    const group = el.type === 'radio_buttons' || el.type === 'checkboxes';
    /** @type {any} */
    let control;
    /** @type {HTMLElement | null} */
    let touchChoices = null;
    switch (el.type) {
      case 'plain_text_input':
        control = el.multiline
          ? h('textarea', { ...common, maxlength: el.max_length, placeholder: plain(el.placeholder) || undefined }, el.initial_value ?? '')
          : h('input', { ...common, type: 'text', maxlength: el.max_length, placeholder: plain(el.placeholder) || undefined, value: el.initial_value ?? '' });
        if (el.focus_on_load) control.autofocus = true;
        break;
      case 'static_select':
      case 'multi_static_select': {
        const multi = el.type === 'multi_static_select';
        const chosen = new Set(multi ? (el.initial_options ?? []).map((/** @type {any} */ o) => o.value) : el.initial_option ? [el.initial_option.value] : []);
        const option = (/** @type {any} */ o) => h('option', { value: o.value, selected: chosen.has(o.value) }, plain(o.text));
        const body = el.option_groups
          ? el.option_groups.map((/** @type {any} */ g) => h('optgroup', { label: plain(g.label) }, (g.options ?? []).map(option)))
          : (el.options ?? []).map(option);
        control = multi
          ? h('select', { ...common, multiple: true, size: String(Math.min(6, allOptions(el).length || 1)) }, body)
          : h('select', { ...common }, h('option', { value: '' }, plain(el.placeholder) || T('choose')), body);
        if (multi) touchChoices = multiChoices(/** @type {HTMLSelectElement} */ (control), el, id, labelText(), described);
        break;
      }
      case 'radio_buttons':
      case 'checkboxes': {
        const radio = el.type === 'radio_buttons';
        const chosen = new Set(radio ? (el.initial_option ? [el.initial_option.value] : []) : (el.initial_options ?? []).map((/** @type {any} */ o) => o.value));
        control = h(
          'div',
          { class: 'choices', id },
          (el.options ?? []).map((/** @type {any} */ o, /** @type {number} */ i) =>
            h(
              'label',
              { class: 'choice', for: `${id}-${i}` },
              h('input', { type: radio ? 'radio' : 'checkbox', id: `${id}-${i}`, name: id, value: o.value, checked: chosen.has(o.value), 'aria-describedby': described }),
              h('span', null, optionLabel(o), o.description ? h('span', { class: 'description' }, plain(o.description)) : null),
            ),
          ),
        );
        break;
      }
      case 'datepicker':
        control = h('input', { ...common, type: 'date', value: el.initial_date ?? '' });
        break;
      case 'timepicker':
        control = h('input', { ...common, type: 'time', value: el.initial_time ?? '' });
        break;
      default:
        control = unsupported(el.type, 'element');
    }
    const multiHint = el.type === 'multi_static_select' ? h('div', { class: 'hint multi-hint' }, T('multiSelectHint')) : null;
    if (group) {
      return h('fieldset', { class: 'b-input', 'data-block-id': block.block_id, 'aria-describedby': described, 'aria-required': block.optional ? undefined : 'true' }, h('legend', null, labelText()), control, hint, error);
    }
    return h('div', { class: `b-input${touchChoices ? ' multi' : ''}`, 'data-block-id': block.block_id }, h('label', { for: id }, labelText()), control, multiHint, touchChoices, hint, error);
  }

  /**
   * A multi_static_select as a list of checkboxes, which a touch screen or a small one shows instead
   * of the list box and its Ctrl-click (style.css picks one). Each box mirrors one option of the select, and the select stays what is
   * submitted, so the state is Slack's `selected_options` whichever one the person used.
   * @param {HTMLSelectElement} select @param {any} el @param {string} id @param {any[]} labelText @param {string} described
   */
  function multiChoices(select, el, id, labelText, described) {
    const byValue = new Map([...select.options].map((o) => [o.value, o]));
    /** @type {HTMLInputElement[]} */
    const boxes = [];
    const row = (/** @type {any} */ o) => {
      const box = /** @type {HTMLInputElement} */ (
        h('input', { type: 'checkbox', id: `${id}-choice-${boxes.length}`, value: o.value, checked: byValue.get(o.value)?.selected, 'aria-describedby': described })
      );
      box.addEventListener('change', () => {
        const option = byValue.get(o.value);
        if (option) option.selected = box.checked;
      });
      boxes.push(box);
      return h('label', { class: 'choice', for: box.id }, box, h('span', null, plain(o.text)));
    };
    select.addEventListener('change', () => {
      for (const box of boxes) box.checked = byValue.get(box.value)?.selected ?? false;
    });
    const rows = el.option_groups
      ? el.option_groups.map((/** @type {any} */ g) => h('div', { class: 'choice-group', role: 'group', 'aria-label': plain(g.label) }, h('div', { class: 'choice-group-label', 'aria-hidden': 'true' }, plain(g.label)), (g.options ?? []).map(row)))
      : (el.options ?? []).map(row);
    return h('fieldset', { class: 'choices touch-choices' }, h('legend', null, labelText), rows);
  }

  /**
   * The view's `state.values` as Slack sends them, and the required fields left empty.
   * @param {View} view @param {HTMLElement} container
   */
  function collectValues(view, container) {
    /** @type {Record<string, Record<string, any>>} */
    const values = {};
    /** @type {Array<{ blockId: string, message: string }>} */
    const problems = [];
    for (const block of view.blocks) {
      if (block.type !== 'input' || !block.element) continue;
      const el = block.element;
      const id = controlId(view, block);
      const byValue = (/** @type {string} */ v) => allOptions(el).find((/** @type {any} */ o) => o.value === v);
      const field = /** @type {any} */ (container.querySelector(`#${CSS.escape(id)}`));
      const checked = [...container.querySelectorAll(`input[name="${CSS.escape(id)}"]:checked`)].map((i) => byValue(/** @type {HTMLInputElement} */ (i).value));
      /** @type {Record<string, any> | null} */
      let state = null;
      let empty = false;
      switch (el.type) {
        case 'plain_text_input': {
          const text = field?.value ?? '';
          state = { type: el.type, value: text === '' ? null : text };
          empty = text.trim() === '';
          if (!empty && el.min_length && text.length < el.min_length) problems.push({ blockId: block.block_id, message: T('tooShort', { count: el.min_length }) });
          break;
        }
        case 'static_select':
          state = { type: el.type, selected_option: field?.value ? byValue(field.value) : null };
          empty = !state.selected_option;
          break;
        case 'multi_static_select':
          state = { type: el.type, selected_options: field ? [...field.selectedOptions].map((o) => byValue(o.value)) : [] };
          empty = state.selected_options.length === 0;
          break;
        case 'radio_buttons':
          state = { type: el.type, selected_option: checked[0] ?? null };
          empty = !state.selected_option;
          break;
        case 'checkboxes':
          state = { type: el.type, selected_options: checked };
          empty = checked.length === 0;
          break;
        case 'datepicker':
          state = { type: el.type, selected_date: field?.value || null };
          empty = !state.selected_date;
          break;
        case 'timepicker':
          state = { type: el.type, selected_time: field?.value || null };
          empty = !state.selected_time;
          break;
        default:
          continue;
      }
      values[block.block_id] = { [el.action_id]: state };
      if (empty && !block.optional) problems.push({ blockId: block.block_id, message: T('required') });
    }
    return { values, problems };
  }

  function showFieldErrors(/** @type {HTMLElement} */ container, /** @type {Record<string, string>} */ errors) {
    let first = /** @type {HTMLElement | null} */ (null);
    for (const wrapper of container.querySelectorAll('[data-block-id]')) {
      const blockId = wrapper.getAttribute('data-block-id') ?? '';
      const message = errors[blockId];
      const error = /** @type {HTMLElement | null} */ (wrapper.querySelector('.error'));
      if (error) {
        error.textContent = message ?? '';
        error.hidden = !message;
      }
      for (const control of wrapper.querySelectorAll('input, select, textarea')) {
        if (message) control.setAttribute('aria-invalid', 'true');
        else control.removeAttribute('aria-invalid');
      }
      if (message && !first) first = firstShown(wrapper, 'input, select, textarea');
    }
    first?.focus();
  }

  /** The first element matching `selector` that is drawn (a small screen hides some controls). */
  function firstShown(/** @type {HTMLElement} */ container, /** @type {string} */ selector) {
    return /** @type {HTMLElement | undefined} */ ([...container.querySelectorAll(selector)].find((el) => el.getClientRects().length > 0)) ?? null;
  }

  // ── modals ──
  function showModal(/** @type {View | null} */ view) {
    if (!view) {
      modal = null;
      if (dialog.open) dialog.close();
      return;
    }
    if (modal && modal.id === view.id && modal.hash === view.hash && dialog.open) return;
    modal = view;
    const body = h('div', { class: 'modal-body', 'data-view-id': view.id }, renderBlocks(view.blocks, { surface: 'modal', view }));
    const problem = h('div', { class: 'modal-problem', role: 'alert' });
    const submit = view.submit ? h('button', { type: 'submit', class: 'btn primary' }, plain(view.submit)) : null;
    const form = h(
      'form',
      {
        class: 'modal-form',
        novalidate: true,
        onsubmit: async (/** @type {Event} */ event) => {
          event.preventDefault();
          if (!submit) return;
          const { values, problems } = collectValues(view, body);
          const local = Object.fromEntries(problems.map((p) => [p.blockId, p.message]));
          showFieldErrors(body, local);
          problem.textContent = '';
          if (problems.length) return;
          submit.setAttribute('disabled', '');
          form.setAttribute('aria-busy', 'true');
          try {
            const answer = await api('submit', { viewId: view.id, values });
            if (answer.outcome === 'errors') showFieldErrors(body, answer.errors ?? {});
            else if (answer.outcome === 'failed') problem.textContent = T('modalTrouble');
          } catch {
            problem.textContent = T('modalTrouble');
          } finally {
            submit.removeAttribute('disabled');
            form.removeAttribute('aria-busy');
          }
        },
      },
      h(
        'div',
        { class: 'modal-header' },
        h('h2', { id: 'modal-title' }, plain(view.title)),
        h('button', { type: 'button', class: 'icon-button', 'aria-label': T('closeModal'), onclick: () => closeModal(view) }, '×'),
      ),
      body,
      problem,
      h('div', { class: 'modal-footer' }, h('button', { type: 'button', class: 'btn', onclick: () => closeModal(view) }, view.close ? plain(view.close) : T('cancel')), submit),
    );
    dialog.replaceChildren(form);
    if (!dialog.open) dialog.showModal();
    const first = firstShown(body, '[autofocus]') ?? firstShown(body, 'input, select, textarea') ?? firstShown(form, '.modal-footer .btn');
    first?.focus();
  }

  function closeModal(/** @type {View} */ view) {
    api('close', { viewId: view.id }).catch(() => {});
  }

  dialog.addEventListener('cancel', (event) => {
    // Escape closes the modal the way its close button does: through the workspace.
    event.preventDefault();
    if (modal) closeModal(modal);
  });
  dialog.addEventListener('close', () => {
    // The browser may close it on its own (a second Escape): the workspace must hear of it too.
    if (modal) closeModal(modal);
  });

  // ── toasts ──
  function toast(/** @type {string} */ text) {
    const item = h('div', { class: 'toast' }, h('span', null, text), h('button', { type: 'button', onclick: () => item.remove() }, T('dismiss')));
    toasts.append(item);
    setTimeout(() => item.remove(), 8000);
  }

  // ── start ── (without `?as=`, the sandbox picks the first person to show)
  if (current.kind === 'channel' && (current.id === 'home' || current.id === 'messages')) current = { kind: 'app', tab: current.id };
  connect();
}
