/**
 * Status (DESIGN.md sections 3, 6 and 7): who holds each seat and who has committed, the
 * seat's own tracks, budgets, stockpiles and programs (all of them for the White Cell),
 * Red's option table (China and White Cell) or Blue's own margin, and losses so far.
 */
import { useMemo } from 'react';
import { FACTIONS, type Faction, munitionById, type Seat } from '../../../game/index.ts';
import type { MatchMeta } from '../lobby/api.ts';
import { fmt, fmtSteps, leverRows, type MatchModel, programProgress } from '../match/model.ts';
import { categoryLabel, FACTION_COLOR, RUNG_LABEL, SEAT_LABEL } from '../theme.ts';

const PLAYER_SEATS: readonly Seat[] = ['japan', 'us', 'china', 'taiwan', 'white'];

export function SeatsTable({
  model,
  meta,
}: {
  readonly model: MatchModel | null;
  readonly meta: MatchMeta | null;
}) {
  const bots = meta?.setupData?.bots ?? {};
  return (
    <table className="seats">
      <caption>Seats</caption>
      <thead>
        <tr>
          <th scope="col">Seat</th>
          <th scope="col">Player</th>
          <th scope="col">Orders</th>
        </tr>
      </thead>
      <tbody>
        {PLAYER_SEATS.map((seat, i) => {
          const p = meta?.players.find((x) => x.id === i);
          if (meta && !p) return null;
          const bot = seat !== 'white' ? bots[seat] : undefined;
          const committed = seat !== 'white' && model ? model.committedBy[seat] : null;
          return (
            <tr key={seat} data-seat={seat}>
              <th scope="row">{SEAT_LABEL[seat]}</th>
              <td>{p?.name ?? (bot ? `bot (${bot})` : <span className="muted">open</span>)}</td>
              <td className={committed ? 'good' : ''}>
                {seat === 'white' ? '—' : committed === null ? '?' : committed ? 'committed' : 'planning'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function tracksOf(model: MatchModel, f: Faction): [string, string][] {
  const v = model.view;
  switch (f) {
    case 'japan':
      return [
        ['Defense spending', `${fmt(v.japan.defenseSpendingPctGdp)}% GDP`],
        ['Debt', `${fmt(v.japan.debtPctGdp)}% GDP`],
        ['Political capital', fmt(v.japan.politicalCapital)],
        ['Coalition seats', `${v.japan.coalitionSeats} / 465`],
        ['Public support', fmt(v.japan.publicSupport)],
        ['Industrial capacity', fmt(v.japan.industrialCapacity)],
      ];
    case 'us':
      return [
        ['Commitment', fmt(v.us.commitment)],
        ['Credibility', fmt(v.us.credibility)],
        ['Burden-sharing', fmt(v.us.burdenSharing)],
        ['Spending demand', `${fmt(v.us.spendingDemandPctGdp)}% GDP`],
        ['Reinforcement delay', `${v.us.reinforcementDelay} rounds`],
        ['Intervening', v.us.intervening ? 'yes' : 'no'],
      ];
    case 'china':
      return [
        ['Gray-zone presence', fmt(v.china.grayZonePresence)],
        ['Coercion levers', fmt(v.china.coercionLevers)],
        ['Standing', fmt(v.china.standing)],
        ['Domestic pressure', fmt(v.china.domesticPressure)],
        ...(model.faction === 'china' || model.isWhite
          ? [['Resolve', fmt(v.china.resolve, 2)] as [string, string]]
          : []),
      ];
    case 'taiwan':
      return [
        ['Defense spending', `${fmt(v.taiwan.defenseSpendingPctGdp)}% GDP`],
        ['Energy stocks', `${fmt(v.taiwan.energyDays)} days`],
        ['Public will', fmt(v.taiwan.publicWill)],
        ['Reserve mobilization', `${fmt(v.taiwan.reserveMobilization)}%`],
      ];
  }
}

function FactionBlock({ model, f }: { readonly model: MatchModel; readonly f: Faction }) {
  const v = model.view;
  const mine = model.isWhite || model.faction === f;
  const stock = Object.entries(v.stockpiles[f]).filter(([, n]) => n > 0);
  const programs = Object.entries(v.programs[f]);
  return (
    <div className="faction-block">
      <h3 style={{ color: FACTION_COLOR[f] }}>{SEAT_LABEL[f]}</h3>
      <dl className="kv">
        {tracksOf(model, f).map(([k, val]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{val}</dd>
          </div>
        ))}
        {mine && (
          <div>
            <dt>Budget</dt>
            <dd>{v.budgets[f]} points</dd>
          </div>
        )}
      </dl>
      {mine && stock.length > 0 && (
        <table className="compact">
          <caption>Munitions stockpile</caption>
          <tbody>
            {stock.map(([m, n]) => (
              <tr key={m}>
                <th scope="row">{munitionById.get(m)?.name ?? m}</th>
                <td>{Math.floor(n)}</td>
                <td className="muted">{munitionById.get(m)?.rangeKm ?? '?'} km</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mine && programs.length > 0 && (
        <table className="compact">
          <caption>Programs (points invested, months of work)</caption>
          <tbody>
            {programs.map(([p, n]) => (
              <tr key={p}>
                <th scope="row">{model.programNames.get(p) ?? p}</th>
                <td>{programProgress(p, n, v.programMonths[f][p] ?? 0, v.completedPrograms.includes(p))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * Blue's levers (DESIGN.md section 6): for each option open to this seat now, how much it
 * would change Red's best temptation as the seat estimates it (negative: less tempted).
 */
function Levers({ model }: { readonly model: MatchModel }) {
  const { view, scenario, faction } = model;
  const rows = useMemo(() => leverRows(view, scenario, faction), [view, scenario, faction]);
  if (!faction || faction === 'china' || view.stage !== 'planning') return null;
  return (
    <section data-testid="levers">
      <h3>Your levers</h3>
      {rows.length === 0 ? (
        <p className="muted small">No program, command investment or declaration left to weigh this round.</p>
      ) : (
        <>
          <p className="small muted">
            Change in Red's best temptation were each in effect now (negative: Red is less tempted), as you
            estimate it.
          </p>
          <table className="compact levers">
            <thead>
              <tr>
                <th scope="col">Lever</th>
                <th scope="col">Change</th>
                <th scope="col">Tempt.</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  <td className={r.change < 0 ? 'good' : r.change > 0 ? 'bad' : 'muted'}>
                    {r.change > 0 ? '+' : ''}
                    {(Math.abs(r.change) < 0.005 ? 0 : r.change).toFixed(2)}
                  </td>
                  <td>{fmt(r.temptation, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

export function StatusPanel({
  model,
  meta,
}: {
  readonly model: MatchModel;
  readonly meta: MatchMeta | null;
}) {
  const v = model.view;
  const det = model.deterrence;
  const shown: readonly Faction[] = model.isWhite ? FACTIONS : model.faction ? [model.faction] : [];
  const lossRows = FACTIONS.map(
    (f) => [f, Object.entries(v.losses[f]).filter(([, n]) => n > 0)] as const,
  ).filter(([, l]) => l.length > 0);
  return (
    <div className="panel-body">
      <SeatsTable model={model} meta={meta} />
      {det && (
        <section data-testid="deterrence-estimate" data-state={det.reading.state}>
          <h3>{det.kind === 'red' ? "Red's option estimate" : 'Your estimate of Red’s options'}</h3>
          {det.reading.state === 'no-rung-above' ? (
            <p className="bad">In conflict — {det.reading.detail}</p>
          ) : (
            <>
              <p className="small muted">Temptation = value × success − cost. {det.reading.detail}</p>
              <table className="compact options">
                <thead>
                  <tr>
                    <th scope="col">Rung</th>
                    <th scope="col">Success</th>
                    <th scope="col">Cost</th>
                    <th scope="col">US int.</th>
                    <th scope="col">Tempt.</th>
                  </tr>
                </thead>
                <tbody>
                  {det.estimate.options.map((o) => (
                    <tr key={o.rung} className={det.estimate.best?.rung === o.rung ? 'best' : ''}>
                      <th scope="row">
                        {o.rung} {RUNG_LABEL[o.rung]}
                      </th>
                      <td>{Math.round(o.success * 100)}%</td>
                      <td>{fmt(o.cost, 2)}</td>
                      <td>{Math.round(o.interventionChance * 100)}%</td>
                      <td>{fmt(o.temptation, 2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}
      {det?.kind === 'blue' && det.reading.state !== 'no-rung-above' && <Levers model={model} />}
      {shown.map((f) => (
        <FactionBlock key={f} model={model} f={f} />
      ))}
      <section>
        <h3>Losses so far (steps)</h3>
        {lossRows.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul>
            {lossRows.map(([f, l]) => (
              <li key={f}>
                {SEAT_LABEL[f]}: {l.map(([c, n]) => `${categoryLabel(c)} ${fmtSteps(n)}`).join(', ')}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
