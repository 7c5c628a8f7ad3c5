/**
 * The White Cell console (DESIGN.md sections 1 and 4): sees everything; injects events,
 * amends a track with a written reason, approves or denies requests, sets and pauses the
 * planning timer, advances to adjudication and ends the match. Each action is checked by
 * the engine before it is sent and recorded like any other.
 */
import { useState } from 'react';
import { FACTIONS, formatOrder, TRACK_LABELS, TRACK_PATHS, type TrackPath } from '../../../game/index.ts';
import { fmtPair, type MatchModel, orderLabel, trackPreview } from '../match/model.ts';
import { SEAT_LABEL, titleCase } from '../theme.ts';
import { Send, SendChoice, type SendFn } from './Send.tsx';
import { WhiteSeats } from './WhiteSeats.tsx';

function TrackSelect({
  value,
  onChange,
  label,
}: {
  value: TrackPath | '';
  onChange: (t: TrackPath) => void;
  label: string;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as TrackPath)}>
        <option value="">—</option>
        {TRACK_PATHS.map((t) => (
          <option key={t} value={t}>
            {TRACK_LABELS[t]}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * What an inject or amendment would do, before it is sent: each track before → after, and
 * the engine's reason on the row whose change would take it out of its range.
 */
function TrackPreview({
  model,
  effects,
  testId,
}: {
  readonly model: MatchModel;
  readonly effects: readonly { readonly track: TrackPath; readonly delta: number }[];
  readonly testId: string;
}) {
  const rows = trackPreview(model.view, model.check, effects);
  if (rows.length === 0) return null;
  return (
    <table className="compact preview" data-testid={testId}>
      <caption>Preview</caption>
      <thead>
        <tr>
          <th scope="col">Track</th>
          <th scope="col">Now</th>
          <th scope="col">After</th>
          <th scope="col">
            <span className="sr-only">Check</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const [before, after] = fmtPair(r.before, r.after);
          return (
            <tr key={r.track} className={r.reason ? 'out' : ''} data-track={r.track}>
              <th scope="row">{r.label}</th>
              <td>{before}</td>
              <td>→ {after}</td>
              <td className={r.reason ? 'bad' : 'good'} title={r.reason ?? undefined}>
                {r.reason ? 'out of range' : 'in range'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function WhiteConsole({ model, send }: { readonly model: MatchModel; readonly send: SendFn }) {
  const v = model.view;
  const [text, setText] = useState('');
  const [effects, setEffects] = useState<{ track: TrackPath | ''; delta: number }[]>([
    { track: '', delta: 0 },
  ]);
  const [track, setTrack] = useState<TrackPath | ''>('');
  const [delta, setDelta] = useState(0);
  const [reason, setReason] = useState('');
  const [seconds, setSeconds] = useState(v.white.timerSeconds ?? 600);
  const [endReason, setEndReason] = useState('');
  const pendingRequests = v.requests.filter((r) => r.status === 'pending');
  if (v.stage !== 'planning')
    return (
      <div className="panel-body white-console">
        <p>
          The match has ended{v.outcome ? `: ${titleCase(v.outcome.category)} — ${v.outcome.reason}` : ''}.
          See the review.
        </p>
      </div>
    );
  const validEffects = effects.filter(
    (e): e is { track: TrackPath; delta: number } => e.track !== '' && e.delta !== 0,
  );
  return (
    <div className="panel-body white-console">
      <section aria-label="Round control">
        <h3>
          Round {v.round} of {v.maxRounds}
        </h3>
        <ul className="commits">
          {FACTIONS.map((f) => (
            <li key={f} className={v.pending[f].committed ? 'good' : ''}>
              {SEAT_LABEL[f]}: {v.pending[f].committed ? 'committed' : 'planning'} ·{' '}
              {v.pending[f].orders.length} orders
            </li>
          ))}
        </ul>
        <Send
          model={model}
          send={send}
          intent={{ type: 'advance' }}
          label="Advance: adjudicate the round"
          testId="advance"
        />
        <Send
          model={model}
          send={send}
          intent={{ type: 'timer-expired' }}
          label="Close planning now (uncommitted seats commit)"
          className="secondary"
        />
      </section>
      <WhiteSeats />
      <section aria-label="Planning timer">
        <h3>Planning timer</h3>
        <p className="small">
          {v.white.timerSeconds === null
            ? 'Off'
            : `${v.white.timerSeconds} s per round${v.white.paused ? ' · paused' : ' · running'}`}
        </p>
        <label className="field">
          <span>Seconds (10–7200)</span>
          <input
            type="number"
            min={10}
            max={7200}
            value={seconds}
            onChange={(e) => setSeconds(Math.floor(Number(e.target.value)))}
          />
        </label>
        <div className="button-row">
          <Send
            model={model}
            send={send}
            intent={{ type: 'set-timer', seconds }}
            label="Set / resume"
            className="secondary"
          />
          <Send
            model={model}
            send={send}
            intent={{ type: 'set-timer', seconds: v.white.timerSeconds ?? seconds, paused: true }}
            label="Pause"
            className="secondary"
          />
          <Send
            model={model}
            send={send}
            intent={{ type: 'set-timer', seconds: null }}
            label="Off"
            className="secondary"
          />
        </div>
      </section>
      <section aria-label="Requests">
        <h3>Requests for approval</h3>
        {pendingRequests.length === 0 && <p className="muted">None pending.</p>}
        <ul>
          {pendingRequests.map((r) => {
            const o = v.pending[r.seat].orders[r.orderIndex];
            return (
              <li key={r.id}>
                <code>{r.id}</code> {SEAT_LABEL[r.seat]} · {titleCase(r.kind)} {o ? `· ${orderLabel(o)}` : ''}
                <SendChoice
                  model={model}
                  send={send}
                  yes={{ type: 'rule', request: r.id, approve: true }}
                  no={{ type: 'rule', request: r.id, approve: false }}
                  yesLabel="Approve"
                  noLabel="Deny"
                />
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-label="Inject an event">
        <h3>Inject an event</h3>
        <label className="field wide">
          <span>What happens</span>
          <textarea
            value={text}
            rows={2}
            data-testid="inject-text"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        {effects.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and only appended
          <div key={i} className="effect-row">
            <TrackSelect
              label={`Effect ${i + 1}`}
              value={e.track}
              onChange={(t) => setEffects(effects.map((x, j) => (j === i ? { ...x, track: t } : x)))}
            />
            <label className="field">
              <span>Change</span>
              <input
                type="number"
                value={e.delta}
                onChange={(ev) =>
                  setEffects(effects.map((x, j) => (j === i ? { ...x, delta: Number(ev.target.value) } : x)))
                }
              />
            </label>
          </div>
        ))}
        <div className="button-row">
          <button
            type="button"
            className="link"
            onClick={() => setEffects([...effects, { track: '', delta: 0 }])}
          >
            Add effect
          </button>
        </div>
        <TrackPreview model={model} effects={validEffects} testId="inject-preview" />
        <Send
          model={model}
          send={send}
          intent={text.trim() ? { type: 'inject', text: text.trim(), effects: validEffects } : null}
          label="Inject"
          missing="Write what happens."
          testId="inject"
          onSent={() => {
            setText('');
            setEffects([{ track: '', delta: 0 }]);
          }}
        />
      </section>
      <section aria-label="Amend a result">
        <h3>Amend a result</h3>
        <TrackSelect label="Track" value={track} onChange={setTrack} />
        <label className="field">
          <span>Change</span>
          <input type="number" value={delta} onChange={(e) => setDelta(Number(e.target.value))} />
        </label>
        <label className="field wide">
          <span>Written reason</span>
          <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        {track && <TrackPreview model={model} effects={[{ track, delta }]} testId="amend-preview" />}
        <Send
          model={model}
          send={send}
          intent={track ? { type: 'amend', track, delta, reason } : null}
          label="Amend"
          missing="Pick a track."
          onSent={() => {
            setReason('');
            setTrack('');
            setDelta(0);
          }}
        />
      </section>
      <section aria-label="End the match">
        <h3>End the match</h3>
        <label className="field wide">
          <span>Reason</span>
          <input type="text" value={endReason} onChange={(e) => setEndReason(e.target.value)} />
        </label>
        <Send
          model={model}
          send={send}
          intent={{ type: 'end', reason: endReason }}
          label="End match"
          className="danger"
        />
      </section>
      <section aria-label="All pending orders">
        <h3>Pending orders (all seats)</h3>
        {FACTIONS.map((f) => (
          <div key={f}>
            <h4>{SEAT_LABEL[f]}</h4>
            {v.pending[f].orders.length === 0 ? (
              <p className="muted small">none</p>
            ) : (
              <ol className="pending">
                {v.pending[f].orders.map((o, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: order position is its identity (withdraw by index)
                  <li key={i} data-order={formatOrder(o)} title={`Order line: ${formatOrder(o)}`}>
                    {orderLabel(o)}
                  </li>
                ))}
              </ol>
            )}
          </div>
        ))}
      </section>
    </div>
  );
}
