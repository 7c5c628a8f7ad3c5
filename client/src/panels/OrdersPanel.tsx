/**
 * The orders panel (DESIGN.md section 4, planning): built from `legalOrders` through the
 * model. Pick a unit to move or strike with it, fund programs, set policy, act in the gray
 * zone, declare or escalate; every composer shows the engine's reason before sending.
 * Pending orders can be withdrawn until the seat commits.
 */
import { useState } from 'react';
import {
  formatOrder,
  type GrayZoneAction,
  type Order,
  parseOrder,
  type TargetAim,
} from '../../../game/index.ts';
import type { CaptureAuth } from '../lobby/api.ts';
import {
  declarationsClosed,
  type Intent,
  interventionClosed,
  type MatchModel,
  type UnitVM,
} from '../match/model.ts';
import { combinedLabel, ORDER_TYPE_LABEL, RUNG_LABEL, SEAT_LABEL, titleCase } from '../theme.ts';
import { OrderWhy, RationaleField, RationaleStatus, useRationale } from './CaptureRationale.tsx';
import { Send, type SendFn } from './Send.tsx';

interface Props {
  readonly model: MatchModel;
  readonly send: SendFn;
  readonly selectedUnit: string | null;
  readonly onSelectUnit: (id: string | null) => void;
  /** A zone the player clicked on the map while a unit was selected. */
  readonly pickedZone: string | null;
  /** The seat's credentials, for the rationale sent with the commit (none for an observer). */
  readonly capture?: CaptureAuth | null;
}

/** The order line's forms (`parseOrder`), said when a line is not an order. */
const ORDER_FORMS =
  'Forms: move UNIT -> ZONE · strike UNIT -> ZONE AIM WEAPON xN · land LIFT BRIGADE,… -> ZONE · ' +
  'fund PROGRAM N · spending PCT · gray-zone ACTION ZONE · escalate RUNG · declare STATUS · ' +
  'invest-command · two-plus-two · intervene · revoke-consent · mobilize.';

const zoneName = (model: MatchModel, id: string): string => model.zoneById.get(id)?.def.name ?? id;
const orderIntent = (order: Order | null): Intent | null => (order ? { type: 'order', order } : null);

function Select<T extends string | number>(props: {
  readonly label: string;
  readonly value: T | '';
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly onChange: (v: T) => void;
  readonly testId?: string;
}) {
  const { label, value, options, onChange, testId } = props;
  return (
    <label className="field">
      <span>{label}</span>
      <select
        value={String(value)}
        data-testid={testId}
        onChange={(e) => {
          const hit = options.find((o) => String(o.value) === e.target.value);
          if (hit) onChange(hit.value);
        }}
      >
        <option value="">—</option>
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function UnitOrders({
  model,
  send,
  unit,
  pickedZone,
}: {
  model: MatchModel;
  send: SendFn;
  unit: UnitVM;
  pickedZone: string | null;
}) {
  const legal = model.legal.byUnit[unit.id];
  const [to, setTo] = useState<string>('');
  const [weapon, setWeapon] = useState<string>('');
  const [target, setTarget] = useState<string>('');
  const [aim, setAim] = useState<TargetAim | ''>('');
  const [count, setCount] = useState<number>(1);
  const [landTarget, setLandTarget] = useState<string>('');
  const strikes = legal?.strikes ?? [];
  const weapons = [...new Set(strikes.map((s) => s.weapon))];
  const targets = [...new Set(strikes.filter((s) => s.weapon === weapon).map((s) => s.target))];
  const aims = strikes.filter((s) => s.weapon === weapon && s.target === target);
  const max = aims.find((s) => s.aim === aim)?.max ?? 0;
  const landing = model.legal.land.find((l) => l.lift === unit.id);

  const [seenPick, setSeenPick] = useState(pickedZone);
  if (pickedZone !== seenPick) {
    setSeenPick(pickedZone);
    if (pickedZone && legal?.moves.includes(pickedZone)) setTo(pickedZone);
    if (pickedZone && strikes.some((s) => s.target === pickedZone && (weapon === '' || s.weapon === weapon)))
      setTarget(pickedZone);
  }

  if (!legal && !landing)
    return (
      <p className="muted">
        No legal orders for {unit.id} now (already ordered, not ready, or out of reach).
      </p>
    );
  const move: Order | null = to ? { type: 'move', unit: unit.id, to } : null;
  const strike: Order | null =
    weapon && target && aim ? { type: 'strike', unit: unit.id, target, aim, weapon, count } : null;
  return (
    <div className="unit-orders">
      {legal && legal.moves.length > 0 && (
        <fieldset>
          <legend>Move ({legal.moves.length} destinations, green on the map)</legend>
          <Select
            label="To"
            value={to}
            testId="move-to"
            options={legal.moves.map((z) => ({ value: z, label: zoneName(model, z) }))}
            onChange={setTo}
          />
          <Send
            model={model}
            send={send}
            intent={orderIntent(move)}
            label="Add move"
            missing="Pick a destination."
            testId="add-move"
          />
        </fieldset>
      )}
      {strikes.length > 0 && (
        <fieldset>
          <legend>Strike (targets red on the map)</legend>
          <Select
            label="Weapon"
            value={weapon}
            options={weapons.map((w) => ({
              value: w,
              label: unit.weapons.find((x) => x.munition === w)?.name ?? w,
            }))}
            onChange={(w) => {
              setWeapon(w);
              setTarget('');
              setAim('');
            }}
          />
          <Select
            label="Target"
            value={target}
            options={targets.map((z) => ({ value: z, label: zoneName(model, z) }))}
            onChange={(z) => {
              setTarget(z);
              setAim('');
            }}
          />
          <Select
            label="Aim"
            value={aim}
            options={aims.map((s) => ({ value: s.aim, label: `${s.aim} (max ${s.max})` }))}
            onChange={(a) => {
              setAim(a);
              setCount(Math.min(count, aims.find((s) => s.aim === a)?.max ?? 1) || 1);
            }}
          />
          <label className="field">
            <span>Count{max ? ` (1–${max})` : ''}</span>
            <input
              type="number"
              min={1}
              max={max || undefined}
              value={count}
              onChange={(e) => setCount(Math.floor(Number(e.target.value)))}
            />
          </label>
          <Send
            model={model}
            send={send}
            intent={orderIntent(strike)}
            label="Add strike"
            missing={`Pick ${[!weapon && 'a weapon', !target && 'a target', !aim && 'an aim'].filter(Boolean).join(', ')}.`}
          />
        </fieldset>
      )}
      {landing && (
        <fieldset>
          <legend>Amphibious landing ({landing.brigades.join(', ')})</legend>
          <Select
            label="Beach"
            value={landTarget}
            options={landing.targets.map((z) => ({ value: z, label: zoneName(model, z) }))}
            onChange={setLandTarget}
          />
          <Send
            model={model}
            send={send}
            intent={orderIntent(
              landTarget
                ? { type: 'land', lift: unit.id, brigades: landing.brigades, target: landTarget }
                : null,
            )}
            label="Add landing"
            missing="Pick a beach."
          />
        </fieldset>
      )}
    </div>
  );
}

function PolicyOrders({ model, send }: { model: MatchModel; send: SendFn }) {
  const L = model.legal;
  const [program, setProgram] = useState('');
  const [amount, setAmount] = useState(1);
  const [spending, setSpending] = useState<number | ''>('');
  const [status, setStatus] = useState('');
  const [rung, setRung] = useState<number | ''>('');
  const [gzAction, setGzAction] = useState<GrayZoneAction | ''>('');
  const [gzZone, setGzZone] = useState('');
  const fundMax = L.fund.find((f) => f.program === program)?.max ?? 0;
  const gzActions = Object.keys(L.grayZone) as GrayZoneAction[];
  const gzZones = gzAction ? (L.grayZone[gzAction] ?? []) : [];
  const closed = declarationsClosed(model);
  const noIntervention = interventionClosed(model);
  return (
    <>
      {L.fund.length > 0 && (
        <fieldset>
          <legend>Fund a program</legend>
          <Select
            label="Program"
            value={program}
            testId="fund-program"
            options={L.fund.map((f) => ({ value: f.program, label: `${f.name} (up to ${f.max})` }))}
            onChange={(p) => {
              setProgram(p);
              setAmount(1);
            }}
          />
          <label className="field">
            <span>Points{fundMax ? ` (1–${fundMax})` : ''}</span>
            <input
              type="number"
              min={1}
              value={amount}
              onChange={(e) => setAmount(Math.floor(Number(e.target.value)))}
            />
          </label>
          <Send
            model={model}
            send={send}
            intent={orderIntent(program ? { type: 'fund', program, amount } : null)}
            label="Add funding"
            missing="Pick a program."
            testId="add-fund"
          />
        </fieldset>
      )}
      {(L.simple.length > 0 ||
        L.spending.length > 0 ||
        L.declare.length > 0 ||
        closed.length > 0 ||
        noIntervention !== null ||
        L.escalate.length > 0) && (
        <fieldset>
          <legend>Policy</legend>
          <div className="button-row">
            {L.simple.map((o) => (
              <Send
                key={o.type}
                model={model}
                send={send}
                intent={{ type: 'order', order: o }}
                label={ORDER_TYPE_LABEL[o.type] ?? titleCase(o.type)}
                className="secondary"
              />
            ))}
          </div>
          {L.spending.length > 0 && (
            <>
              <Select
                label="Defense spending (% GDP)"
                value={spending}
                options={L.spending.map((p) => ({ value: p, label: `${p}%` }))}
                onChange={setSpending}
              />
              <Send
                model={model}
                send={send}
                intent={orderIntent(spending === '' ? null : { type: 'spending', pctGdp: spending })}
                label="Set spending"
                missing="Pick a spending level."
              />
            </>
          )}
          {L.declare.length > 0 && (
            <>
              <Select
                label="Declare (Diet vote)"
                value={status}
                options={L.declare.map((s) => ({ value: s, label: titleCase(s) }))}
                onChange={setStatus}
              />
              <Send
                model={model}
                send={send}
                intent={orderIntent(status ? ({ type: 'declare', status } as Order) : null)}
                label="Add declaration"
                missing="Pick a status to declare."
              />
            </>
          )}
          {noIntervention && (
            <p className="small" data-testid="intervene-why">
              Intervene: not open now — <span className="muted">{noIntervention}</span>
            </p>
          )}
          {closed.length > 0 && (
            <div className="closed" data-testid="declare-why">
              <p className="small">
                {L.declare.length === 0
                  ? 'Declare (Diet vote): no declaration is open to Japan now.'
                  : 'Not open to declare now:'}
              </p>
              <ul className="small muted">
                {closed.map((c) => (
                  <li key={c.status}>
                    {titleCase(c.status)}: {c.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {L.escalate.length > 0 && (
            <>
              <Select
                label="Escalate to rung"
                value={rung}
                options={L.escalate.map((r) => ({ value: r, label: `${r} ${RUNG_LABEL[r]}` }))}
                onChange={setRung}
              />
              <Send
                model={model}
                send={send}
                intent={orderIntent(rung === '' ? null : ({ type: 'escalate', to: rung } as Order))}
                label="Add escalation"
                missing="Pick a rung."
              />
            </>
          )}
        </fieldset>
      )}
      {gzActions.length > 0 && (
        <fieldset>
          <legend>Gray zone</legend>
          <Select
            label="Action"
            value={gzAction}
            testId="gz-action"
            options={gzActions.map((a) => ({ value: a, label: titleCase(a) }))}
            onChange={(a) => {
              setGzAction(a);
              setGzZone('');
            }}
          />
          <Select
            label="Zone"
            value={gzZone}
            testId="gz-zone"
            options={gzZones.map((z) => ({ value: z, label: zoneName(model, z) }))}
            onChange={setGzZone}
          />
          <Send
            model={model}
            send={send}
            intent={orderIntent(
              gzAction && gzZone ? { type: 'gray-zone', action: gzAction, zone: gzZone } : null,
            )}
            label="Add gray-zone action"
            missing={gzAction ? 'Pick a zone.' : 'Pick an action and a zone.'}
            testId="add-gray-zone"
          />
        </fieldset>
      )}
    </>
  );
}

function OrderLine({ model, send }: { model: MatchModel; send: SendFn }) {
  const [text, setText] = useState('');
  const order = text.trim() ? parseOrder(text) : null;
  // An example from the seat's own legal orders (never another seat's units).
  const firstMove = Object.entries(model.legal.byUnit).find(([, l]) => l.moves.length > 0);
  const example = firstMove
    ? formatOrder({ type: 'move', unit: firstMove[0], to: firstMove[1].moves[0]! })
    : null;
  return (
    <fieldset>
      <legend>Order line</legend>
      <label className="field wide">
        <span>Text form{example ? `, e.g. "${example}"` : ''}</span>
        <input type="text" value={text} data-testid="order-line" onChange={(e) => setText(e.target.value)} />
      </label>
      <Send
        model={model}
        send={send}
        intent={orderIntent(order)}
        label="Add order"
        missing={text.trim() ? `Not an order. ${ORDER_FORMS}` : 'Type an order.'}
        testId="add-order-line"
        onSent={() => setText('')}
      />
    </fieldset>
  );
}

export function OrdersPanel({ model, send, selectedUnit, onSelectUnit, pickedZone, capture }: Props) {
  const rationale = useRationale(capture ?? null, model.view.round);
  const own = model.units.filter((u) => u.own);
  const unit = selectedUnit ? model.unitById.get(selectedUnit) : undefined;
  if (model.view.stage !== 'planning') return <p className="panel-body">The match has ended.</p>;
  return (
    <div className="panel-body orders">
      <section aria-label="Pending orders">
        <h3>
          Round {model.view.round} orders {model.committed && <span className="good">· committed</span>}
        </h3>
        {model.pending.length === 0 ? (
          <p className="muted">No orders yet.</p>
        ) : (
          <ol className="pending" data-testid="pending-orders">
            {model.pending.map((p) => (
              <li key={`${p.index}-${p.text}`} data-order={p.text} title={`Order line: ${p.text}`}>
                <span className="order-label">{p.label}</span>
                {!model.committed && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => send({ type: 'withdraw', index: p.index })}
                  >
                    Withdraw
                  </button>
                )}
                {!model.committed && capture && (
                  <OrderWhy auth={capture} round={model.view.round} order={p.text} />
                )}
              </li>
            ))}
          </ol>
        )}
        {!model.committed && capture && <RationaleField r={rationale} />}
        {!model.committed && (
          <Send
            model={model}
            send={rationale.wrap(send)}
            intent={{ type: 'commit' }}
            label="Commit orders"
            testId="commit"
            explain={(reason) => {
              const open = model.proposals.find((p) => p.incoming && p.status === 'open');
              return open
                ? `Commit is blocked: answer the proposal ${open.id} from ${SEAT_LABEL[open.by]} (${combinedLabel(open.kind)}) in the Alliance tab first.`
                : `Commit is blocked: ${reason}`;
            }}
          />
        )}
        <RationaleStatus r={rationale} />
        {model.committed && (
          <p className="muted">
            Waiting for the other seats{model.view.white.present ? ' and the White Cell' : ''}.
          </p>
        )}
      </section>
      {!model.committed && (
        <>
          <section aria-label="Unit orders">
            <h3>Units</h3>
            <Select
              label="Your unit"
              value={unit?.own ? unit.id : ''}
              testId="unit-select"
              options={own.map((u) => ({ value: u.id, label: `${u.id} · ${zoneName(model, u.zone)}` }))}
              onChange={(id) => onSelectUnit(id)}
            />
            {unit?.own ? (
              <UnitOrders key={unit.id} model={model} send={send} unit={unit} pickedZone={pickedZone} />
            ) : (
              <p className="muted small">Select one of your units here or on the map.</p>
            )}
          </section>
          <section aria-label="Programs and policy">
            <h3>Programs and policy</h3>
            <PolicyOrders model={model} send={send} />
            <OrderLine model={model} send={send} />
          </section>
        </>
      )}
    </div>
  );
}
