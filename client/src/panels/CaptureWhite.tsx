/**
 * The White Cell's "Data capture" panel (issue 10, "Seminar data capture"; server/capture.ts):
 * set end-of-round and end-of-match questionnaires (Likert and free-text items), keep the
 * note-taker log, read the seats' rationales and how many answered, and download the whole
 * capture as JSON or CSV. Only the White Cell's credentials read it during the match.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { Seat } from '../../../game/index.ts';
import {
  addNote,
  type CaptureAuth,
  captureExport,
  type CaptureQuestionnaire,
  type MatchCapture,
  setQuestionnaire,
} from '../lobby/api.ts';
import { SEAT_LABEL } from '../theme.ts';

const POLL_MS = 5000;
type Item = { kind: 'likert' | 'text'; prompt: string };
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const seatLabel = (s: string): string => (s in SEAT_LABEL ? SEAT_LABEL[s as Seat] : s);
const clock = (at: number): string =>
  new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function CaptureWhite(props: {
  readonly auth: CaptureAuth;
  readonly round: number;
  readonly ended: boolean;
}) {
  const { auth, round, ended } = props;
  const [capture, setCapture] = useState<MatchCapture | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      captureExport(auth, 'json').then(
        (t) => {
          setCapture(JSON.parse(t) as MatchCapture);
          setError(null);
        },
        (e: unknown) => setError(message(e)),
      ),
    [auth],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again when the round turns
  useEffect(() => {
    void load();
    const t = window.setInterval(load, POLL_MS);
    return () => window.clearInterval(t);
  }, [load, round]);
  const [downloaded, setDownloaded] = useState<string | null>(null);
  const download = (kind: 'json' | 'csv') =>
    captureExport(auth, kind).then(
      (text) => {
        const url = URL.createObjectURL(
          new Blob([text], { type: kind === 'csv' ? 'text/csv' : 'application/json' }),
        );
        const a = document.createElement('a');
        a.href = url;
        a.download = `island-chain-${auth.matchID}-capture.${kind}`;
        document.body.append(a);
        a.click();
        a.remove();
        window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
        setDownloaded(`Downloaded ${a.download}.`);
      },
      (e: unknown) => setDownloaded(`Download failed: ${message(e)}`),
    );
  const rationales = (capture?.rationales ?? []).filter((r) => r.round === round);
  return (
    <div className="panel-body capture-white" data-testid="capture-white">
      {error && (
        <p className="reason" role="alert">
          The capture could not be read: {error}
        </p>
      )}
      <QuestionnaireBuilder auth={auth} ended={ended} onSet={load} />
      <section aria-label="Answers">
        <h3>Questionnaires set</h3>
        {(capture?.questionnaires ?? []).length === 0 ? (
          <p className="muted small">None yet.</p>
        ) : (
          <ul className="small" data-testid="capture-questionnaires">
            {capture!.questionnaires.map((q) => (
              <li key={q.id}>
                <b>{q.title}</b> · {q.when === 'match' ? 'end of match' : `round ${q.round}`} ·{' '}
                {answered(capture!, q)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <NoteLog auth={auth} capture={capture} onAdded={load} />
      <section aria-label="Rationales">
        <h3>Rationales, round {round}</h3>
        <p className="hint small muted">Only the White Cell sees these during the match.</p>
        {rationales.length === 0 ? (
          <p className="muted small">None yet this round.</p>
        ) : (
          <ul className="small" data-testid="capture-rationales">
            {rationales.map((r) => (
              <li key={`${r.seat}-${r.order ?? ''}`}>
                <b>{seatLabel(r.seat)}</b>
                {r.order ? ` (${r.order})` : ''}: {r.text}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Download the capture">
        <h3>Download</h3>
        <div className="button-row">
          <button
            type="button"
            className="secondary"
            onClick={() => void download('json')}
            data-testid="capture-json"
          >
            Download JSON
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => void download('csv')}
            data-testid="capture-csv"
          >
            Download CSV
          </button>
        </div>
        <p className="hint small muted">
          Rationales, answers and notes, one CSV row per item. Everyone may download them once the match has
          ended.
        </p>
        {downloaded && (
          <p className="small" role="status">
            {downloaded}
          </p>
        )}
      </section>
    </div>
  );
}

const answered = (c: MatchCapture, q: CaptureQuestionnaire): string => {
  const seats = c.answers.filter((a) => a.questionnaire === q.id).map((a) => seatLabel(a.seat));
  return seats.length === 0 ? 'no answers yet' : `answered by ${seats.join(', ')}`;
};

function QuestionnaireBuilder(props: {
  readonly auth: CaptureAuth;
  readonly ended: boolean;
  readonly onSet: () => void;
}) {
  const { auth, ended, onSet } = props;
  const id = useId();
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState<'round' | 'match'>(ended ? 'match' : 'round');
  const [items, setItems] = useState<Item[]>([{ kind: 'likert', prompt: '' }]);
  const [status, setStatus] = useState<string | null>(null);
  const edit = (i: number, patch: Partial<Item>) =>
    setItems((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const why =
    title.trim() === ''
      ? 'Give the questionnaire a title first.'
      : items.some((x) => x.prompt.trim() === '')
        ? 'Every item needs a question; remove the empty ones.'
        : when === 'round' && ended
          ? 'The match has ended: set an end-of-match questionnaire.'
          : null;
  const submit = () => {
    setStatus('Sending…');
    setQuestionnaire(auth, {
      when,
      title: title.trim(),
      items: items.map((x) => ({ ...x, prompt: x.prompt.trim() })),
    }).then(
      (q) => {
        setStatus(`Set: "${q.title}" is open to the seats now.`);
        setTitle('');
        setItems([{ kind: 'likert', prompt: '' }]);
        onSet();
      },
      (e: unknown) => setStatus(`Not set: ${message(e)}`),
    );
  };
  return (
    <section aria-label="Set a questionnaire">
      <h3>Set a questionnaire</h3>
      <label className="field">
        <span>Title</span>
        <input
          type="text"
          maxLength={120}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="q-title"
        />
      </label>
      <label className="field">
        <span>When</span>
        <select
          value={when}
          onChange={(e) => setWhen(e.target.value as 'round' | 'match')}
          data-testid="q-when"
        >
          <option value="round">End of this round</option>
          <option value="match">End of match</option>
        </select>
      </label>
      <p className="hint small muted">
        {when === 'round'
          ? 'Open to the seats until the next round starts.'
          : 'Open to the seats from now on, after the end too.'}
      </p>
      <ol className="q-items">
        {items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items have no identity but their place
          <li key={i}>
            <label className="field">
              <span>Item {i + 1}</span>
              <select
                value={item.kind}
                onChange={(e) => edit(i, { kind: e.target.value as Item['kind'] })}
                aria-label={`Item ${i + 1} kind`}
                data-testid={`q-kind-${i}`}
              >
                <option value="likert">Likert 1–5</option>
                <option value="text">Free text</option>
              </select>
            </label>
            <label className="field">
              <span>Question {i + 1}</span>
              <input
                type="text"
                maxLength={200}
                value={item.prompt}
                onChange={(e) => edit(i, { prompt: e.target.value })}
                data-testid={`q-prompt-${i}`}
              />
            </label>
            {items.length > 1 && (
              <button
                type="button"
                className="link small"
                onClick={() => setItems((xs) => xs.filter((_, j) => j !== i))}
              >
                Remove item {i + 1}
              </button>
            )}
          </li>
        ))}
      </ol>
      <div className="button-row">
        <button
          type="button"
          className="secondary"
          disabled={items.length >= 12}
          title={items.length >= 12 ? 'A questionnaire holds at most 12 items.' : undefined}
          onClick={() => setItems((xs) => [...xs, { kind: 'likert', prompt: '' }])}
          data-testid="q-add-item"
        >
          Add item
        </button>
        <button
          type="button"
          className="primary"
          disabled={why !== null}
          aria-describedby={why ? `${id}-why` : undefined}
          onClick={submit}
          data-testid="q-set"
        >
          Set questionnaire
        </button>
      </div>
      {why && (
        <p id={`${id}-why`} className="hint small muted">
          {why}
        </p>
      )}
      {status && (
        <p className="small" role="status" data-testid="q-status">
          {status}
        </p>
      )}
    </section>
  );
}

function NoteLog(props: {
  readonly auth: CaptureAuth;
  readonly capture: MatchCapture | null;
  readonly onAdded: () => void;
}) {
  const { auth, capture, onAdded } = props;
  const id = useId();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const why = text.trim() === '' ? 'Write a note first.' : null;
  const add = () =>
    addNote(auth, text.trim()).then(
      () => {
        setText('');
        setStatus('Note added.');
        onAdded();
      },
      (e: unknown) => setStatus(`Not added: ${message(e)}`),
    );
  const notes = [...(capture?.notes ?? [])].reverse();
  return (
    <section aria-label="Note-taker log">
      <h3>Note-taker log</h3>
      <label className="field">
        <span>Note (timestamped, filed under this round)</span>
        <textarea
          rows={3}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="note-text"
        />
      </label>
      <button
        type="button"
        className="secondary"
        disabled={why !== null}
        aria-describedby={why ? `${id}-why` : undefined}
        onClick={() => void add()}
        data-testid="note-add"
      >
        Add note
      </button>
      {why && (
        <p id={`${id}-why`} className="hint small muted">
          {why}
        </p>
      )}
      {status && (
        <p className="small" role="status">
          {status}
        </p>
      )}
      <ul className="small notes" data-testid="capture-notes">
        {notes.map((n) => (
          <li key={`${n.at}-${n.text}`}>
            Round {n.round} · {clock(n.at)} · {n.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
