import { useEffect, useRef, useState } from 'react';
import { Field } from './Field';

/**
 * A text field that saves as you type: every valid value is committed (the autosave
 * debounces the writes); an invalid one shows its error and is not committed, so the
 * stored study is always valid. While the field has focus, outside updates (the
 * committed, trimmed value coming back) do not overwrite what is being typed.
 */
export function InlineField({
  label,
  hint,
  value,
  onCommit,
  validate,
  multiline,
  maxLength,
  className,
  inputMode,
  hiddenLabel,
}: {
  label: string;
  hint?: string;
  value: string;
  onCommit(value: string): void;
  /** An error message, or null when the value may be committed. */
  validate?(value: string): string | null;
  multiline?: boolean;
  maxLength?: number;
  className?: string;
  inputMode?: 'decimal' | 'text';
  /** Label for screen readers only (in tables where the column header says it). */
  hiddenLabel?: boolean;
}) {
  const [draft, setDraft] = useState(value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setDraft(value);
  }, [value]);
  const error = validate ? validate(draft) : null;
  const change = (next: string) => {
    setDraft(next);
    if (!(validate?.(next) ?? null) && next !== value) onCommit(next);
  };
  const common = {
    className: `input${inputMode === 'decimal' ? ' input-number' : ''}`,
    value: draft,
    maxLength,
    onFocus: () => {
      focused.current = true;
    },
    onBlur: () => {
      focused.current = false;
      if (!error) setDraft(value);
    },
  };
  return (
    <Field label={label} hint={hint} error={error} className={`${className ?? ''}${hiddenLabel ? ' field-hidden-label' : ''}`}>
      {(p) =>
        multiline ? (
          <textarea {...p} {...common} rows={3} onChange={(e) => change(e.target.value)} />
        ) : (
          <input {...p} {...common} inputMode={inputMode} onChange={(e) => change(e.target.value)} />
        )
      }
    </Field>
  );
}
