import type { KeyboardEvent } from 'react';

/**
 * Arrow keys move the focus through the hits (Home and End to the ends); ArrowUp from the first
 * and Escape go back to the search field. Enter opens a hit, as a button does.
 */
export function onHitKeys(event: KeyboardEvent<HTMLElement>, field: HTMLInputElement | null): void {
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.hit')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const go = (index: number) => {
    event.preventDefault();
    if (index < 0) field?.focus();
    else buttons[Math.min(index, buttons.length - 1)]?.focus();
  };
  switch (event.key) {
    case 'ArrowDown':
      return go(at + 1);
    case 'ArrowUp':
      return go(at - 1);
    case 'Home':
      return go(0);
    case 'End':
      return go(buttons.length - 1);
    case 'Escape':
      return go(-1);
  }
}
