/**
 * A send button for one intent: it shows the engine's reason (`checkAction` through the
 * model) before anything is sent, and sends only what the engine would accept.
 */
import { useState } from 'react';
import type { Intent, MatchModel } from '../match/model.ts';

export type SendFn = (intent: Intent) => string | null;

interface Props {
  readonly model: MatchModel;
  readonly send: SendFn;
  readonly intent: Intent | null;
  readonly label: string;
  readonly className?: string;
  readonly onSent?: () => void;
  readonly testId?: string;
}

export function Send({ model, send, intent, label, className, onSent, testId }: Props) {
  const [note, setNote] = useState<string | null>(null);
  const reason = intent ? model.check(intent) : null;
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
        disabled={!intent || reason !== null}
        onClick={go}
        data-testid={testId}
      >
        {label}
      </button>
      {intent && reason && (
        <p className="reason" role="status">
          {reason}
        </p>
      )}
      {note && !reason && <p className="note small muted">{note}</p>}
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
