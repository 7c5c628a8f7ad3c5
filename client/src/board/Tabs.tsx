/**
 * The sidebar's tab strip and panel, shared by the match page and the replay viewer:
 * ARIA tabs, one panel, a label per tab with an optional badge. The strip is one tab stop
 * (the WAI-ARIA tabs pattern): Tab reaches the current tab, the arrow keys, Home and End move
 * between tabs and open them, and the next Tab goes into the panel.
 */
import { type KeyboardEvent, type ReactNode, useRef } from 'react';

export interface TabsProps<T extends string> {
  readonly tabs: readonly T[];
  readonly current: T;
  readonly label: (tab: T) => string;
  readonly onChange: (tab: T) => void;
  readonly children: ReactNode;
}

export function Tabs<T extends string>({ tabs, current, label, onChange, children }: TabsProps<T>) {
  const strip = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.indexOf(current);
    const to =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? (at + 1) % tabs.length
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? (at - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    if (to < 0 || tabs.length === 0) return;
    e.preventDefault();
    const next = tabs[to]!;
    onChange(next);
    strip.current?.querySelector<HTMLButtonElement>(`#tab-${next}`)?.focus();
  };
  return (
    <>
      <div className="tabs" role="tablist" aria-label="Panels" ref={strip} onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-selected={current === t}
            aria-controls="tab-panel"
            tabIndex={current === t ? 0 : -1}
            className={current === t ? 'tab active' : 'tab'}
            onClick={() => onChange(t)}
          >
            {label(t)}
          </button>
        ))}
      </div>
      <div
        className="tab-panel"
        id="tab-panel"
        role="tabpanel"
        aria-labelledby={`tab-${current}`}
        tabIndex={-1}
      >
        {children}
      </div>
    </>
  );
}
