import { tick } from 'svelte';

/**
 * Add and Remove for a list field (goals, milestones, skills, links): focus follows the change —
 * to the new row, to the row now in the removed one's place, or to the Add button when the list is
 * empty — so a keyboard user never lands on nothing. `rows` returns the field's (bindable) array,
 * `firstInputId` the id of a row's first input.
 */
export function listEditor<T>(options: {
  rows: () => T[];
  firstInputId: (index: number) => string;
  addButton: () => HTMLElement | undefined;
}) {
  async function focusRow(index: number) {
    await tick();
    const input = document.getElementById(options.firstInputId(index));
    if (input) input.focus();
    else options.addButton()?.focus();
  }

  return {
    async add(row: T) {
      const rows = options.rows();
      rows.push(row);
      await focusRow(rows.length - 1);
    },
    async remove(index: number) {
      const rows = options.rows();
      rows.splice(index, 1);
      await focusRow(Math.min(index, rows.length - 1));
    },
  };
}
