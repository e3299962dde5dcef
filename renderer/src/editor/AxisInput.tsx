import { useState, type KeyboardEvent } from 'react';
import { AXIS_MAX, AXIS_MIN } from '../../../shared/model/position';
import { formatValue } from './announce';

/** Read a typed axis value; accepts "7.5" and "7,5". Null when it is not a number from 0 to 10. */
export function parseAxisValue(text: string): number | null {
  const cleaned = text.trim().replace(',', '.');
  if (!/^\d{1,2}(\.\d*)?$|^\.\d+$/.test(cleaned)) return null;
  const v = Number(cleaned);
  if (!Number.isFinite(v) || v < AXIS_MIN || v > AXIS_MAX) return null;
  return Math.round(v * 10) / 10;
}

export interface AxisInputProps {
  id: string;
  label: string;
  value: number | null;
  readOnly: boolean;
  describedBy?: string;
  /** A finished entry (Enter, leaving the box) or one arrow-key step. */
  onCommit(value: number, viaStep: boolean): void;
}

/**
 * A power or interest value typed exactly. The draft is local while typing and is
 * committed on Enter or when the box loses focus, so "7." on the way to "7.5" is never
 * recorded; Escape restores the recorded value. Arrow keys step by 0.1 (Shift: 0.5) and
 * commit at once.
 */
export function AxisInput({ id, label, value, readOnly, describedBy, onCommit }: AxisInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? (value === null ? '' : formatValue(value));
  const invalid = draft !== null && draft.trim() !== '' && parseAxisValue(draft) === null;

  const commit = () => {
    if (draft === null) return;
    const v = parseAxisValue(draft);
    setDraft(null);
    if (v !== null && v !== value) onCommit(v, false);
  };

  const keyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (readOnly) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape' && draft !== null) {
      e.preventDefault();
      e.stopPropagation();
      setDraft(null);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      const base = (draft !== null ? parseAxisValue(draft) : null) ?? value ?? 5;
      const step = (e.shiftKey ? 0.5 : 0.1) * (e.key === 'ArrowUp' ? 1 : -1);
      const next = Math.min(AXIS_MAX, Math.max(AXIS_MIN, Math.round((base + step) * 10) / 10));
      setDraft(null);
      if (next !== value) onCommit(next, true);
    }
  };

  return (
    <div className="axis-input">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={shown}
        readOnly={readOnly}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={keyDown}
      />
    </div>
  );
}
