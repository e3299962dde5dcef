import { useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { rovingTarget } from './roving';

export interface ChipItem {
  id: string;
  short: string;
  name: string;
}

export interface ChipListProps {
  items: readonly ChipItem[];
  selectedId: string | null;
  /** Accessible name of the list. */
  label: string;
  onSelect(id: string): void;
  onPointerDown(e: ReactPointerEvent<HTMLButtonElement>, id: string): void;
  /** Shortcuts other than moving between items (U, N, Delete…). */
  onItemKeyDown(e: KeyboardEvent<HTMLButtonElement>, id: string): void;
}

/**
 * Chips as buttons (the tray and the two bins). One tab stop per list; arrow keys move
 * between chips (a roving tabindex), so a keyboard user does not tab through twenty
 * stakeholders to reach the map. When the focused chip leaves the list (placed, sent to
 * a bin), focus moves to its neighbour instead of falling to the page.
 */
export function ChipList({ items, selectedId, label, onSelect, onPointerDown, onItemKeyDown }: ChipListProps) {
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const [focusId, setFocusId] = useState<string | null>(null);
  const lastFocus = useRef<{ id: string; index: number } | null>(null);

  const present = (id: string | null) => id !== null && items.some((i) => i.id === id);
  const tabStop = present(selectedId) ? selectedId : present(focusId) ? focusId : (items[0]?.id ?? null);

  useLayoutEffect(() => {
    const last = lastFocus.current;
    if (!last || items.some((i) => i.id === last.id)) return;
    lastFocus.current = null;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const next = items[Math.min(last.index, items.length - 1)];
    if (next) refs.current.get(next.id)?.focus();
  }, [items]);

  const keyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number, id: string) => {
    const target = rovingTarget(e.key, index, items.length, true);
    if (target !== null) {
      e.preventDefault();
      const next = items[target];
      if (next) refs.current.get(next.id)?.focus();
      return;
    }
    onItemKeyDown(e, id);
  };

  return (
    <ul className="chip-list" aria-label={label}>
      {items.map((item, index) => (
        <li key={item.id}>
          <button
            type="button"
            ref={(el) => {
              if (el) refs.current.set(item.id, el);
              else refs.current.delete(item.id);
            }}
            className="chip-button"
            data-stakeholder-id={item.id}
            aria-pressed={item.id === selectedId}
            tabIndex={item.id === tabStop ? 0 : -1}
            title={item.name}
            onFocus={() => {
              setFocusId(item.id);
              lastFocus.current = { id: item.id, index };
            }}
            onClick={() => onSelect(item.id)}
            onPointerDown={(e) => onPointerDown(e, item.id)}
            onKeyDown={(e) => keyDown(e, index, item.id)}
          >
            <span className="chip-button__dot" aria-hidden="true" />
            <span>{item.short}</span>
            {item.name !== item.short && <span className="visually-hidden">, {item.name}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
