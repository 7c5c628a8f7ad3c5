/**
 * The questionnaires a seat may answer (issue 10, "Seminar data capture"; server/capture.ts):
 * the ones the White Cell set that are open — an end-of-round one until the next round
 * starts, an end-of-match one from when it is set, after the end too. One answer per seat,
 * revisable while it is open. Shown only when one is open.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import {
  ApiError,
  answerQuestionnaire,
  type CaptureAnswer,
  type CaptureAuth,
  type CaptureQuestionnaire,
  type CaptureValue,
  type SeatCapture,
  seatCapture,
} from '../lobby/api.ts';

/** What the five points of a Likert item mean. */
export const LIKERT = ['Strongly disagree', 'Disagree', 'Neither', 'Agree', 'Strongly agree'] as const;
const POLL_MS = 5000;

/** The seat's open questionnaires, read again every few seconds and whenever the round or stage changes. */
export function CaptureQuestionnaires(props: {
  readonly auth: CaptureAuth;
  readonly round: number;
  readonly stage: string;
}) {
  const { auth, round, stage } = props;
  const [data, setData] = useState<SeatCapture | null>(null);
  // Refused (403): these credentials no longer hold the seat — it was taken over or its link
  // re-issued, and the socket is about to say so. Asking again would only be refused again.
  const [refusedFor, setRefusedFor] = useState<CaptureAuth | null>(null);
  const refused = refusedFor === auth;
  const load = useCallback(
    () =>
      seatCapture(auth).then(
        (d) => setData(d),
        (e: unknown) => {
          if (e instanceof ApiError && e.status === 403) setRefusedFor(auth);
        },
      ),
    [auth],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again when the round or stage turns
  useEffect(() => {
    if (refused) return;
    void load();
    const t = window.setInterval(load, POLL_MS);
    return () => window.clearInterval(t);
  }, [load, round, stage, refused]);
  if (!data || data.questionnaires.length === 0) return null;
  return (
    <section className="capture-questionnaires" aria-label="Questionnaires" data-testid="questionnaires">
      {data.questionnaires.map((q) => (
        <QuestionnaireForm
          key={q.id}
          auth={auth}
          q={q}
          answer={data.answers.find((a) => a.questionnaire === q.id) ?? null}
          onSaved={load}
        />
      ))}
    </section>
  );
}

function QuestionnaireForm(props: {
  readonly auth: CaptureAuth;
  readonly q: CaptureQuestionnaire;
  readonly answer: CaptureAnswer | null;
  readonly onSaved: () => void;
}) {
  const { auth, q, answer, onSaved } = props;
  const id = useId();
  const [values, setValues] = useState<CaptureValue[]>(() =>
    q.items.map((_, i) => answer?.values[i] ?? null),
  );
  const [status, setStatus] = useState<string | null>(null);
  const set = (i: number, v: CaptureValue) => setValues((vs) => vs.map((x, j) => (j === i ? v : x)));
  const cleaned = values.map((v) => (typeof v === 'string' ? v.trim() || null : v));
  // A questionnaire's items never change: their place is their identity.
  const rows = q.items.map((item, i) => ({ item, i, key: `${q.id}.${i}` }));
  const why = cleaned.every((v) => v === null) ? 'Answer at least one item first.' : null;
  const submit = () => {
    setStatus('Sending…');
    answerQuestionnaire(auth, q.id, cleaned).then(
      () => {
        setStatus('Answers saved. You may revise them while the questionnaire is open.');
        onSaved();
      },
      (e: unknown) => setStatus(`Not saved: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  return (
    <form
      className="questionnaire"
      data-testid={`questionnaire-${q.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!why) submit();
      }}
    >
      <fieldset>
        <legend>
          {q.title}{' '}
          <span className="muted small">
            · {q.when === 'match' ? 'end of match' : `round ${q.round}, open until the next round starts`}
          </span>
        </legend>
        {rows.map(({ item, i, key }) =>
          item.kind === 'likert' ? (
            <fieldset key={key} className="likert">
              <legend className="small">{item.prompt}</legend>
              {LIKERT.map((label, k) => (
                <label key={label} className="small" title={label}>
                  <input
                    type="radio"
                    name={`${id}-${i}`}
                    value={k + 1}
                    checked={values[i] === k + 1}
                    onChange={() => set(i, k + 1)}
                  />{' '}
                  {k + 1} <span className="sr-only">({label})</span>
                </label>
              ))}
              <p className="hint small muted">1 strongly disagree · 5 strongly agree</p>
            </fieldset>
          ) : (
            <label key={key} className="field">
              <span>{item.prompt}</span>
              <textarea
                rows={2}
                maxLength={1000}
                value={typeof values[i] === 'string' ? (values[i] as string) : ''}
                onChange={(e) => set(i, e.target.value)}
              />
            </label>
          ),
        )}
        <button
          type="submit"
          className="primary"
          disabled={why !== null}
          aria-describedby={why ? `${id}-why` : undefined}
          data-testid={`answer-${q.id}`}
        >
          {answer ? 'Revise answers' : 'Send answers'}
        </button>
        {why && (
          <p id={`${id}-why`} className="hint small muted">
            {why}
          </p>
        )}
        {status && (
          <p className="small" role="status" data-testid={`answer-${q.id}-status`}>
            {status}
          </p>
        )}
      </fieldset>
    </form>
  );
}
