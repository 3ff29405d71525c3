// Slack's documented Block Kit limits, checked where the Web API stand-in receives blocks and views,
// so that what the sandbox accepts Slack accepts too. Slack refuses such payloads (`invalid_blocks`,
// `invalid_arguments`) with messages that point into the JSON; the stand-in answers the same way.
// Only types Slack documents are checked: a type the sandbox does not know passes here and is shown
// on the page as an error box, since Slack may well accept it.

export interface Problem {
  pointer: string;
  message: string;
}

type Json = Record<string, unknown>;
type Surface = 'message' | 'modal' | 'home';

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

/** `[ERROR] … [json-pointer:/blocks/0/text/text]`, as Slack reports each problem. */
export function formatProblems(problems: readonly Problem[]): string[] {
  return problems.map((p) => `[ERROR] ${p.message} [json-pointer:${p.pointer}]`);
}

export function checkBlocks(blocks: unknown, surface: Surface, base = '/blocks'): Problem[] {
  const out: Problem[] = [];
  if (!Array.isArray(blocks)) {
    out.push({ pointer: base, message: 'must be an array' });
    return out;
  }
  if (blocks.length > MAX_BLOCKS[surface]) out.push({ pointer: base, message: `must contain at most ${MAX_BLOCKS[surface]} items` });
  const seen = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${base}/${i}`;
    if (!isObject(block) || typeof block.type !== 'string') {
      out.push({ pointer: at, message: 'must be a block object with a type' });
      return;
    }
    if (block.block_id !== undefined) {
      const id = String(block.block_id);
      maxLength(out, `${at}/block_id`, id, 255);
      if (seen.has(id)) out.push({ pointer: `${at}/block_id`, message: `duplicate block_id ${id}` });
      seen.add(id);
    }
    checkBlock(out, block, at);
  });
  return out;
}

export function checkView(view: unknown): Problem[] {
  const out: Problem[] = [];
  if (!isObject(view)) return [{ pointer: '/view', message: 'must be a view object' }];
  const type = view.type;
  if (type !== 'modal' && type !== 'home') {
    out.push({ pointer: '/view/type', message: 'must be modal or home' });
    return out;
  }
  if (type === 'modal') {
    if (view.title === undefined) out.push({ pointer: '/view/title', message: 'is required' });
    else text(out, '/view/title', view.title, 24, { plainOnly: true });
    if (view.submit !== undefined) text(out, '/view/submit', view.submit, 24, { plainOnly: true });
    if (view.close !== undefined) text(out, '/view/close', view.close, 24, { plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) out.push({ pointer: '/view/submit', message: 'is required when the view has input blocks' });
  }
  if (view.private_metadata !== undefined) maxLength(out, '/view/private_metadata', String(view.private_metadata), 3000);
  if (view.callback_id !== undefined) maxLength(out, '/view/callback_id', String(view.callback_id), 255);
  if (view.external_id !== undefined) maxLength(out, '/view/external_id', String(view.external_id), 255);
  out.push(...checkBlocks(view.blocks, type, '/view/blocks'));
  return out;
}

function checkBlock(out: Problem[], block: Json, at: string): void {
  switch (block.type) {
    case 'header':
      text(out, `${at}/text`, block.text, 150, { plainOnly: true });
      break;
    case 'section': {
      if (block.text === undefined && block.fields === undefined) out.push({ pointer: at, message: 'must have text or fields' });
      if (block.text !== undefined) text(out, `${at}/text`, block.text, 3000);
      if (block.fields !== undefined) {
        list(out, `${at}/fields`, block.fields, 1, 10).forEach((f, i) => {
          text(out, `${at}/fields/${i}`, f, 2000);
        });
      }
      if (block.accessory !== undefined) element(out, `${at}/accessory`, block.accessory);
      break;
    }
    case 'context':
      list(out, `${at}/elements`, block.elements, 1, 10);
      break;
    case 'actions':
      list(out, `${at}/elements`, block.elements, 1, 25).forEach((e, i) => {
        element(out, `${at}/elements/${i}`, e);
      });
      break;
    case 'input':
      text(out, `${at}/label`, block.label, 2000, { plainOnly: true });
      if (block.hint !== undefined) text(out, `${at}/hint`, block.hint, 2000, { plainOnly: true });
      if (block.element === undefined) out.push({ pointer: `${at}/element`, message: 'is required' });
      else element(out, `${at}/element`, block.element);
      break;
    default:
      break;
  }
}

function element(out: Problem[], at: string, el: unknown): void {
  if (!isObject(el) || typeof el.type !== 'string') {
    out.push({ pointer: at, message: 'must be an element object with a type' });
    return;
  }
  if (el.action_id !== undefined) maxLength(out, `${at}/action_id`, String(el.action_id), 255);
  if (el.placeholder !== undefined) text(out, `${at}/placeholder`, el.placeholder, 150, { plainOnly: true });
  switch (el.type) {
    case 'button':
      text(out, `${at}/text`, el.text, 75, { plainOnly: true });
      if (el.value !== undefined) maxLength(out, `${at}/value`, String(el.value), 2000);
      if (el.url !== undefined) maxLength(out, `${at}/url`, String(el.url), 3000);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        out.push({ pointer: `${at}/style`, message: 'must be primary or danger' });
      }
      break;
    case 'static_select':
    case 'multi_static_select':
      if (el.option_groups !== undefined) {
        list(out, `${at}/option_groups`, el.option_groups, 1, 100).forEach((g, i) => {
          if (isObject(g)) options(out, `${at}/option_groups/${i}/options`, g.options, 100);
        });
      } else {
        options(out, `${at}/options`, el.options, 100);
      }
      break;
    case 'radio_buttons':
    case 'checkboxes':
      options(out, `${at}/options`, el.options, 10);
      break;
    case 'plain_text_input':
      for (const key of ['max_length', 'min_length'] as const) {
        if (el[key] !== undefined && !(Number.isInteger(el[key]) && (el[key] as number) >= 0 && (el[key] as number) <= 3000)) {
          out.push({ pointer: `${at}/${key}`, message: 'must be a whole number from 0 to 3000' });
        }
      }
      break;
    case 'datepicker':
      if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date))) {
        out.push({ pointer: `${at}/initial_date`, message: 'must be YYYY-MM-DD' });
      }
      break;
    case 'timepicker':
      if (el.initial_time !== undefined && !/^\d{2}:\d{2}$/.test(String(el.initial_time))) {
        out.push({ pointer: `${at}/initial_time`, message: 'must be HH:mm' });
      }
      break;
    default:
      break;
  }
}

function options(out: Problem[], at: string, value: unknown, max: number): void {
  list(out, at, value, 1, max).forEach((o, i) => {
    if (!isObject(o)) {
      out.push({ pointer: `${at}/${i}`, message: 'must be an option object' });
      return;
    }
    text(out, `${at}/${i}/text`, o.text, 75);
    if (typeof o.value !== 'string') out.push({ pointer: `${at}/${i}/value`, message: 'is required' });
    else maxLength(out, `${at}/${i}/value`, o.value, 150);
  });
}

function text(out: Problem[], at: string, value: unknown, max: number, opts: { plainOnly?: boolean } = {}): void {
  if (!isObject(value) || typeof value.text !== 'string') {
    out.push({ pointer: at, message: 'must be a text object' });
    return;
  }
  if (value.type !== 'plain_text' && (opts.plainOnly || value.type !== 'mrkdwn')) {
    out.push({ pointer: `${at}/type`, message: opts.plainOnly ? 'must be plain_text' : 'must be plain_text or mrkdwn' });
  }
  if (value.text.length === 0) out.push({ pointer: `${at}/text`, message: 'must be more than 0 characters' });
  maxLength(out, `${at}/text`, value.text, max);
}

function list(out: Problem[], at: string, value: unknown, min: number, max: number): unknown[] {
  if (!Array.isArray(value)) {
    out.push({ pointer: at, message: 'must be an array' });
    return [];
  }
  if (value.length < min) out.push({ pointer: at, message: `must contain at least ${min} item${min === 1 ? '' : 's'}` });
  if (value.length > max) out.push({ pointer: at, message: `must contain at most ${max} items` });
  return value;
}

function maxLength(out: Problem[], at: string, value: string, max: number): void {
  if (value.length > max) out.push({ pointer: at, message: `must be less than ${max + 1} characters` });
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
