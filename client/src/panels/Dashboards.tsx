/**
 * Dashboards (DESIGN.md sections 5–7): the escalation ladder, Japan's legal status, the
 * command architecture and coordination capacity left, alliance cohesion, the seat's budget
 * and its own deterrence reading. Numbers come from the view and the model only.
 */
import { LEGAL_STATUSES, phaseOf } from '../../../game/index.ts';
import { fmt, type MatchModel } from '../match/model.ts';
import { RUNG_LABEL, titleCase } from '../theme.ts';

export function Dashboards({ model }: { readonly model: MatchModel }) {
  const v = model.view;
  const legalIdx = LEGAL_STATUSES.indexOf(v.japan.legalStatus);
  const det = model.deterrence;
  return (
    <section className="dashboards" aria-label="Dashboards">
      <div className="dash ladder" title="Escalation ladder (section 6)">
        <div className="dash-title">
          Escalation · {titleCase(phaseOf(v.escalation))} · peak {v.peakEscalation}
        </div>
        <ol className="rungs">
          {RUNG_LABEL.map((label, i) => (
            <li
              key={label}
              className={i === v.escalation ? 'rung current' : i < v.escalation ? 'rung past' : 'rung'}
              aria-current={i === v.escalation ? 'step' : undefined}
            >
              <span className="rung-n">{i}</span> {label}
            </li>
          ))}
        </ol>
      </div>
      <div className="dash" title={`Japan's legal status: ${LEGAL_STATUSES.join(' → ')}`}>
        <div className="dash-title">Japan legal status</div>
        <div className="big" data-testid="legal-status">
          {titleCase(v.japan.legalStatus)}
        </div>
        <ol className="dots" aria-label={`step ${legalIdx + 1} of ${LEGAL_STATUSES.length}`}>
          {LEGAL_STATUSES.map((s, i) => (
            <li key={s} className={i <= legalIdx ? 'dot on' : 'dot'} title={titleCase(s)} />
          ))}
        </ol>
      </div>
      <div className="dash" title="USFJ / JJOC command architecture (section 5)">
        <div className="dash-title">Command architecture</div>
        <div className="big">
          Level {v.alliance.commandLevel}
          <span className="muted small"> · upgrade {v.alliance.upgradeProgress}</span>
        </div>
        <div>
          Capacity left <strong data-testid="capacity-left">{model.capacityLeft}</strong> / {model.capacity}
        </div>
      </div>
      <div className="dash" title="Alliance cohesion (0–100)">
        <div className="dash-title">Cohesion</div>
        <div className="big">{fmt(v.alliance.cohesion)}</div>
        <div className="bar">
          <div
            className="bar-fill"
            style={{ width: `${Math.max(0, Math.min(100, v.alliance.cohesion))}%` }}
          />
        </div>
      </div>
      {model.faction && (
        <div className="dash" title="Budget points this round">
          <div className="dash-title">Budget</div>
          <div className="big">
            {model.budgetLeft ?? 0}
            <span className="muted small"> of {v.budgets[model.faction]} left</span>
          </div>
          {model.faction === 'japan' && <div>Political capital {fmt(v.japan.politicalCapital)}</div>}
        </div>
      )}
      {det && (
        <div
          className="dash"
          title={
            det.reading.state === 'no-rung-above'
              ? det.reading.detail
              : "Deterrence by denial: resolve minus Red's best temptation (positive = deterred)"
          }
          data-testid="deterrence"
          data-state={det.reading.state}
        >
          <div className="dash-title">
            {det.kind === 'red'
              ? "Red's estimate"
              : det.reading.state === 'no-rung-above'
                ? 'Deterrence'
                : 'Deterrence margin'}
          </div>
          <div
            className={det.reading.tone === 'neutral' ? 'big' : `big ${det.reading.tone}`}
            data-testid="deterrence-margin"
          >
            {det.reading.headline}
          </div>
          {det.reading.state === 'no-rung-above' ? (
            <div className="small">
              — in conflict: China is at {RUNG_LABEL[v.escalation]?.toLowerCase()}; deterrence has failed
            </div>
          ) : (
            det.kind === 'red' && (
              <div>
                Resolve {fmt(det.estimate.resolve, 2)} · margin {fmt(det.estimate.margin, 2)}
              </div>
            )
          )}
        </div>
      )}
    </section>
  );
}
