/**
 * The optional one-line rationale sent with a seat's commit (issue 10, "Seminar data capture";
 * server/capture.ts). It is stored beside the match, not in the game: the White Cell reads it
 * during the match, the other seats only in the export and report once the match has ended.
 */
import { useId, useState } from 'react';
import { type CaptureAuth, sendRationale } from '../lobby/api.ts';
import type { SendFn } from './Send.tsx';

/** The server's limits on a rationale and on the order it names, in characters. */
export const MAX_RATIONALE = 280;
const MAX_ORDER = 160;

export interface Rationale {
  readonly text: string;
  readonly setText: (text: string) => void;
  /** What became of the last rationale sent, in words. */
  readonly status: string | null;
  /** `send`, which first stores the rationale (when there is one) and then sends the commit. */
  readonly wrap: (send: SendFn) => SendFn;
}

/** The rationale's state for a seat in `round`; without credentials (an observer) nothing is stored. */
export function useRationale(auth: CaptureAuth | null, round: number): Rationale {
  const [text, setText] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const wrap =
    (send: SendFn): SendFn =>
    (intent) => {
      const t = text.trim();
      if (!auth || t === '' || intent.type !== 'commit') return send(intent);
      setStatus('Saving your reason…');
      const commit = (saved: string) => {
        const refused = send(intent);
        setStatus(refused ? `${saved} The commit was refused: ${refused}` : saved);
      };
      sendRationale(auth, round, t).then(
        () => {
          setText('');
          commit('Your reason was saved with the commit.');
        },
        (e: unknown) =>
          commit(
            `Your reason was not saved (${e instanceof Error ? e.message : String(e)}); the commit was sent.`,
          ),
      );
      return null;
    };
  return { text, setText, status, wrap };
}

/** The rationale field beside Commit. */
export function RationaleField({ r }: { readonly r: Rationale }) {
  const id = useId();
  return (
    <div className="capture-rationale">
      <label className="field wide">
        <span>Why? One line, optional</span>
        <input
          type="text"
          maxLength={MAX_RATIONALE}
          value={r.text}
          onChange={(e) => r.setText(e.target.value)}
          aria-describedby={`${id}-hint`}
          data-testid="rationale"
          placeholder="e.g. Signal resolve without crossing the threshold"
        />
      </label>
      <p id={`${id}-hint`} className="hint small muted">
        Sent with your commit. The White Cell reads it now; the other seats only after the match.
      </p>
    </div>
  );
}

/** What became of the rationale, once sent. */
export function RationaleStatus({ r }: { readonly r: Rationale }) {
  return r.status ? (
    <p className="small" role="status" data-testid="rationale-status">
      {r.status}
    </p>
  ) : null;
}

/** A "Why?" beside one pending order: a one-line rationale for that order, stored at once. */
export function OrderWhy(props: {
  readonly auth: CaptureAuth;
  readonly round: number;
  readonly order: string;
}) {
  const { auth, round, order } = props;
  const id = useId();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const why = text.trim() === '' ? 'Write a reason first.' : null;
  const save = () =>
    sendRationale(auth, round, text.trim(), order.slice(0, MAX_ORDER)).then(
      () => setStatus('Saved.'),
      (e: unknown) => setStatus(`Not saved: ${e instanceof Error ? e.message : String(e)}`),
    );
  return (
    <details className="order-why">
      <summary className="small">Why?</summary>
      <label className="field wide">
        <span>Why this order (one line, White Cell only until the end)</span>
        <input
          type="text"
          maxLength={MAX_RATIONALE}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="order-why-text"
        />
      </label>
      <button
        type="button"
        className="secondary small"
        disabled={why !== null}
        aria-describedby={why ? `${id}-why` : undefined}
        onClick={() => void save()}
        data-testid="order-why-save"
      >
        Save reason
      </button>
      {why && (
        <span id={`${id}-why`} className="hint small muted">
          {' '}
          {why}
        </span>
      )}
      {status && (
        <span className="small" role="status">
          {' '}
          {status}
        </span>
      )}
    </details>
  );
}
