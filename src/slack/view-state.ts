// Reading a submitted modal's state: Slack nests each value as block_id → action_id → element state.
import { z } from 'zod';
import { withoutControlCharacters } from '../domain/free-text.js';

const ZOption = z.object({ value: z.string().max(200) });
const ZElementState = z
  .object({
    type: z.string().optional(),
    value: z.string().max(5000).nullish(),
    selected_option: ZOption.nullish(),
    selected_options: z.array(ZOption).max(50).nullish(),
    selected_date: z.string().max(20).nullish(),
    selected_time: z.string().max(10).nullish(),
  })
  .loose();
export const ZViewState = z.record(z.string().max(255), z.record(z.string().max(255), ZElementState));
export type TViewState = z.infer<typeof ZViewState>;

/** The value of a field whose block and action share one ID, as text (or a list for multi-selects). */
export function fieldValue(state: TViewState, id: string): string | undefined {
  const element = state[id]?.[id];
  if (!element) return undefined;
  const value = element.selected_option?.value ?? element.value ?? element.selected_date ?? element.selected_time ?? undefined;
  return value === undefined ? undefined : withoutControlCharacters(value);
}

export function fieldValues(state: TViewState, id: string): string[] {
  const element = state[id]?.[id];
  return element?.selected_options?.map((o) => o.value) ?? [];
}
