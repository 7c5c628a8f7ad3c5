/**
 * A send button for one intent: it shows the engine's reason (`checkAction` through the
 * model) before anything is sent, and sends only what the engine would accept. A button
 * is never disabled without saying why: with no intent yet, `missing` says what is still
 * to be chosen ("Pick a zone to cover"); otherwise the engine's reason is shown.
 */
import { useId, useState } from 'react';
import type { Intent, MatchModel } from '../match/model.ts';

export type SendFn = (intent: Intent) => string | null;

interface Props {
  readonly model: MatchModel;
  readonly send: SendFn;
  readonly intent: Intent | null;
  readonly label: string;
  /** What is still to be chosen while there is no intent; shown beside the disabled button. */
  readonly missing?: string;
  readonly className?: string;
  readonly onSent?: () => void;
  readonly testId?: string;
  /** The engine's reason put in the words of the control ("Commit is blocked: …"). */
  readonly explain?: (reason: string) => string;
}

export function Send({ model, send, intent, label, missing, className, onSent, testId, explain }: Props) {
  const [note, setNote] = useState<string | null>(null);
  const whyId = useId();
  const reason = intent ? model.check(intent) : null;
  const why = intent
    ? reason && explain
      ? explain(reason)
      : reason
    : (missing ?? 'Fill in the choices above first.');
  const go = () => {
    if (!intent) return;
    const r = send(intent);
    setNote(r ? `Refused: ${r}` : 'Sent.');
    if (!r) onSent?.();
  };
  return (
    <div className="send">
      <button
        type="button"
        className={className ?? 'primary'}
        disabled={why !== null}
        onClick={go}
        data-testid={testId}
        aria-describedby={why ? whyId : undefined}
        title={why ?? undefined}
      >
        {label}
      </button>
      {why && (
        <p
          id={whyId}
          className={intent ? 'reason' : 'hint small muted'}
          role="status"
          data-testid={testId ? `${testId}-why` : undefined}
        >
          {why}
        </p>
      )}
      {note && !(intent && reason) && <p className="note small muted">{note}</p>}
    </div>
  );
}

/** A yes/no pair of sends (accept or refuse a proposal, approve or deny a request). */
export function SendChoice({
  model,
  send,
  yes,
  no,
  yesLabel,
  noLabel,
  yesTestId,
}: {
  readonly model: MatchModel;
  readonly send: SendFn;
  readonly yes: Intent;
  readonly no: Intent;
  readonly yesLabel: string;
  readonly noLabel: string;
  readonly yesTestId?: string;
}) {
  return (
    <div className="button-row">
      <Send
        model={model}
        send={send}
        intent={yes}
        label={yesLabel}
        {...(yesTestId ? { testId: yesTestId } : {})}
      />
      <Send model={model} send={send} intent={no} label={noLabel} className="secondary" />
    </div>
  );
}
