/**
 * Round review and running log (DESIGN.md section 4, step 6): the events of a round the
 * seat may see (the server's view is already filtered), losses and track changes from the
 * round summaries, and the whole match log.
 */
import { useState } from 'react';
import { FACTIONS, type LogEvent } from '../../../game/index.ts';
import { recordLink, reportLink } from '../lobby/api.ts';
import { fmtPair, fmtSteps, type MatchModel, roundReview, whiteChanges } from '../match/model.ts';
import { SEAT_LABEL, titleCase } from '../theme.ts';

function Events({ events }: { readonly events: readonly LogEvent[] }) {
  return (
    <ul className="events">
      {events.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: log events have no id and never reorder
        <li key={i} className={`ev ev-${e.step}`}>
          <span className="step">{e.step}</span> {e.text}
        </li>
      ))}
    </ul>
  );
}

export function ReviewPanel({ model, matchID }: { readonly model: MatchModel; readonly matchID: string }) {
  const v = model.view;
  const last = v.history.length > 0 ? v.history[v.history.length - 1]!.round : v.round;
  const [picked, setPicked] = useState<number | null>(null);
  const round = picked ?? last;
  const r = roundReview(v, round);
  const rounds = [...new Set([...v.history.map((h) => h.round), v.round])].sort((a, b) => a - b);
  const adjudicated = v.history.some((h) => h.round === round);
  const white = whiteChanges(r.events);
  return (
    <div className="panel-body review" data-testid="review">
      <div className="review-head">
        <h3>
          Round {round} review{adjudicated ? '' : ' (in progress)'}
        </h3>
        <label className="field inline">
          <span>Round</span>
          <select value={round} onChange={(e) => setPicked(Number(e.target.value))}>
            {rounds.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      {v.outcome && (
        <p className="outcome">
          Outcome: <strong>{titleCase(v.outcome.category)}</strong> (round {v.outcome.round}) —{' '}
          {v.outcome.reason}
          <br />
          <a href={recordLink(matchID)} download={`island-chain-${matchID}.json`}>
            Download the match record
          </a>{' '}
          <span className="muted small">(scenario, seed and actions: replays exactly)</span>
          <br />
          <a href={`/replay?match=${encodeURIComponent(matchID)}`} data-testid="open-replay">
            Open in the replay viewer
          </a>{' '}
          ·{' '}
          <a href={reportLink(matchID)} target="_blank" rel="noreferrer" data-testid="open-report">
            After-action report
          </a>
        </p>
      )}
      {r.losses && (
        <section>
          <h4>Losses (steps)</h4>
          <table className="compact" data-testid="review-losses">
            <thead>
              <tr>
                <th scope="col" />
                {FACTIONS.map((f) => (
                  <th key={f} scope="col">
                    {SEAT_LABEL[f]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">This round</th>
                {FACTIONS.map((f) => (
                  <td key={f}>{fmtSteps(r.losses?.[f].round ?? 0)}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">So far</th>
                {FACTIONS.map((f) => (
                  <td key={f}>{fmtSteps(r.losses?.[f].total ?? 0)}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </section>
      )}
      {white.length > 0 && (
        <section data-testid="review-white">
          <h4>White Cell injects and amendments</h4>
          {white.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: log events have no id and never reorder
            <div key={i} className="white-change">
              <p>
                <span className="muted small">{c.kind === 'inject' ? 'Inject' : 'Amendment'}:</span> {c.text}
              </p>
              {c.effects.length > 0 && (
                <table className="compact">
                  <tbody>
                    {c.effects.map((x) => {
                      const [before, after] = fmtPair(x.before, x.after);
                      return (
                        <tr key={x.label}>
                          <th scope="row">{x.label}</th>
                          <td>{before}</td>
                          <td>→</td>
                          <td>{after}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
            </div>
          ))}
        </section>
      )}
      {r.changes.length > 0 && (
        <section>
          <h4>Track changes</h4>
          <table className="compact">
            <tbody>
              {r.changes.map((c) => {
                const [before, after] = fmtPair(c.before, c.after);
                return (
                  <tr key={c.label}>
                    <th scope="row">{c.label}</th>
                    <td>{before}</td>
                    <td>→</td>
                    <td>{after}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      <section>
        <h4>Events</h4>
        {r.events.length === 0 ? (
          <p className="muted">No events you can see.</p>
        ) : (
          <Events events={r.events} />
        )}
      </section>
    </div>
  );
}

export function LogPanel({ model }: { readonly model: MatchModel }) {
  const rounds = [...new Set(model.view.log.map((e) => e.round))].sort((a, b) => b - a);
  return (
    <div className="panel-body log">
      {rounds.map((n) => (
        <section key={n}>
          <h4>Round {n}</h4>
          <Events events={model.view.log.filter((e) => e.round === n)} />
        </section>
      ))}
    </div>
  );
}
