/**
 * Combined US–Japan operations (DESIGN.md section 5) and off-ramps (section 4): propose,
 * accept or refuse combined actions with the partner against coordination capacity; offer
 * terms and answer offers. Every button shows the engine's reason before sending.
 */
import { useState } from 'react';
import {
  COMBINED_KINDS,
  type CombinedKind,
  partnerOf,
  TARGET_AIMS,
  type TargetAim,
  TERMS,
  type Terms,
} from '../../../game/index.ts';
import { type Intent, type MatchModel, type ProposalVM, proposalAcceptReason } from '../match/model.ts';
import { combinedLabel, SEAT_LABEL, titleCase } from '../theme.ts';
import { Send, SendChoice, type SendFn } from './Send.tsx';

const KIND_HELP: Readonly<Record<CombinedKind, string>> = {
  'us-ops-from-japan': 'US combat operations from bases in Japan (prior consultation: Japan consents)',
  'combined-strike': 'one strike with Japanese and US parts',
  'iamd-cover': 'integrated air and missile defense over a friendly zone',
  'shared-isr': 'pool Japan’s and the US’s pictures of Red',
  'logistics-support': 'Japanese rear-area support to US forces',
};

const proposalText = (model: MatchModel, p: ProposalVM): string => {
  const zone = (id: string): string => model.zoneById.get(id)?.def.name ?? id;
  return `${SEAT_LABEL[p.by]} → ${SEAT_LABEL[p.to]}: ${combinedLabel(p.kind)}${p.zone ? ` (${zone(p.zone)})` : ''}${
    p.strike
      ? ` on ${zone(p.strike.target)} (${p.strike.aim}) [${p.strike.parts.map((x) => `${x.unit} ${x.weapon}×${x.count}`).join(' + ')}]`
      : ''
  }`;
};

/** What a proposal still lacks, said beside the disabled Propose button. */
function proposeMissing(
  kind: CombinedKind | '',
  zone: string,
  strike: {
    target: string;
    aim: string;
    mine: { unit: string; weapon: string };
    theirs: { unit: string; weapon: string };
  },
): string {
  if (!kind) return 'Pick a combined action.';
  if (kind === 'iamd-cover' && !zone) return 'Pick the zone to cover.';
  const lacks = [
    !strike.target && 'a target',
    !strike.aim && 'an aim',
    !strike.mine.unit && 'your unit',
    !strike.mine.weapon && 'your weapon',
    !strike.theirs.unit && "the partner's unit",
    !strike.theirs.weapon && "the partner's weapon",
  ].filter(Boolean);
  return `Pick ${lacks.join(', ')}.`;
}

function Part(props: {
  readonly model: MatchModel;
  readonly label: string;
  readonly faction: string;
  readonly value: { unit: string; weapon: string; count: number };
  readonly onChange: (v: { unit: string; weapon: string; count: number }) => void;
}) {
  const { model, label, faction, value, onChange } = props;
  const units = model.units.filter((u) => u.faction === faction && u.weapons.length > 0);
  const unit = model.unitById.get(value.unit);
  return (
    <div className="part">
      <span className="small">{label}</span>
      <select
        aria-label={`${label} unit`}
        value={value.unit}
        onChange={(e) => onChange({ ...value, unit: e.target.value, weapon: '' })}
      >
        <option value="">—</option>
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.id}
          </option>
        ))}
      </select>
      <select
        aria-label={`${label} weapon`}
        value={value.weapon}
        onChange={(e) => onChange({ ...value, weapon: e.target.value })}
      >
        <option value="">—</option>
        {(unit?.weapons ?? []).map((w) => (
          <option key={w.munition} value={w.munition}>
            {w.name} ({w.rangeKm} km)
          </option>
        ))}
      </select>
      <input
        aria-label={`${label} count`}
        type="number"
        min={1}
        value={value.count}
        onChange={(e) => onChange({ ...value, count: Math.floor(Number(e.target.value)) })}
      />
    </div>
  );
}

function Propose({ model, send }: { readonly model: MatchModel; readonly send: SendFn }) {
  const [kind, setKind] = useState<CombinedKind | ''>('');
  const [zone, setZone] = useState('');
  const [target, setTarget] = useState('');
  const [aim, setAim] = useState<TargetAim | ''>('');
  const [mine, setMine] = useState({ unit: '', weapon: '', count: 1 });
  const [theirs, setTheirs] = useState({ unit: '', weapon: '', count: 1 });
  const partner = model.faction ? partnerOf(model.faction) : undefined;
  if (!model.faction || !partner) return null;
  let intent: Intent | null = null;
  if (kind === 'iamd-cover') intent = zone ? { type: 'propose', kind, zone } : null;
  else if (kind === 'combined-strike')
    intent =
      target && aim && mine.unit && mine.weapon && theirs.unit && theirs.weapon
        ? { type: 'propose', kind, strike: { target, aim, parts: [mine, theirs] } }
        : null;
  else if (kind) intent = { type: 'propose', kind };
  const landZones = model.zones.filter((z) => z.def.kind !== 'sea' && z.def.kind !== 'pool');
  const sendable = intent?.type === 'propose' && model.check(intent) === null ? intent : null;
  const partnerWhy = sendable
    ? proposalAcceptReason(model.view, model.scenario, model.faction, sendable)
    : null;
  return (
    <fieldset>
      <legend>Propose to {SEAT_LABEL[partner]}</legend>
      <label className="field">
        <span>Combined action</span>
        <select
          value={kind}
          data-testid="propose-kind"
          onChange={(e) => setKind(e.target.value as CombinedKind)}
        >
          <option value="">—</option>
          {COMBINED_KINDS.map((k) => (
            <option key={k} value={k}>
              {combinedLabel(k)}
            </option>
          ))}
        </select>
      </label>
      {kind && <p className="small muted">{KIND_HELP[kind]}</p>}
      {kind === 'iamd-cover' && (
        <label className="field">
          <span>Covered zone</span>
          <select value={zone} onChange={(e) => setZone(e.target.value)} data-testid="propose-zone">
            <option value="">—</option>
            {landZones.map((z) => (
              <option key={z.def.id} value={z.def.id}>
                {z.def.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === 'combined-strike' && (
        <>
          <label className="field">
            <span>Target</span>
            <select value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">—</option>
              {model.zones.map((z) => (
                <option key={z.def.id} value={z.def.id}>
                  {z.def.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Aim</span>
            <select value={aim} onChange={(e) => setAim(e.target.value as TargetAim)}>
              <option value="">—</option>
              {TARGET_AIMS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          <Part model={model} label="Your part" faction={model.faction} value={mine} onChange={setMine} />
          <Part model={model} label="Partner part" faction={partner} value={theirs} onChange={setTheirs} />
        </>
      )}
      {sendable && (
        <p
          className={partnerWhy ? 'reason' : 'small good'}
          role="status"
          data-testid="partner-can-accept"
          data-ok={partnerWhy ? 'false' : 'true'}
        >
          {partnerWhy
            ? `Warning: ${SEAT_LABEL[partner]} cannot accept this now — ${partnerWhy}. It would have to refuse it before it can commit.`
            : `${SEAT_LABEL[partner]} may accept this now.`}
        </p>
      )}
      <Send
        model={model}
        send={send}
        intent={intent}
        label={partnerWhy ? 'Propose anyway' : 'Propose'}
        missing={proposeMissing(kind, zone, { target, aim, mine, theirs })}
        testId="propose"
        onSent={() => setKind('')}
      />
    </fieldset>
  );
}

export function AlliancePanel({ model, send }: { readonly model: MatchModel; readonly send: SendFn }) {
  const [terms, setTerms] = useState<Terms | ''>('');
  const v = model.view;
  const alliance = model.faction === 'japan' || model.faction === 'us' || model.isWhite;
  const active = v.combined.filter((c) => c.effectiveRound >= v.round);
  return (
    <div className="panel-body">
      {alliance && (
        <section aria-label="Combined operations">
          <h3>Combined operations</h3>
          <p className="small">
            Coordination capacity left <strong>{model.capacityLeft}</strong> of {model.capacity} · level{' '}
            {v.alliance.commandLevel}
            {v.alliance.commandLevel === 0 ? ' (agreed actions take effect next round)' : ''} · consent for US
            ops from Japan:{' '}
            {v.alliance.consentGranted ? `in force from round ${v.alliance.consentRound}` : 'not granted'}
          </p>
          {model.proposals.length === 0 && <p className="muted">No proposals this round.</p>}
          <ul className="proposals" data-testid="proposals">
            {model.proposals.map((p) => (
              <li key={p.id} data-proposal={p.id}>
                <div>
                  <code>{p.id}</code> {proposalText(model, p)} · <strong>{p.status}</strong>
                </div>
                {p.partnerReason && (
                  <p className="reason" data-testid={`partner-blocked-${p.id}`}>
                    {SEAT_LABEL[p.to]} cannot accept this now — {p.partnerReason}; it can only refuse.
                  </p>
                )}
                {p.incoming && p.status === 'open' && !model.isWhite && (
                  <SendChoice
                    model={model}
                    send={send}
                    yes={{ type: 'answer', proposal: p.id, accept: true }}
                    no={{ type: 'answer', proposal: p.id, accept: false }}
                    yesLabel="Accept"
                    noLabel="Refuse"
                    yesTestId={`accept-${p.id}`}
                  />
                )}
              </li>
            ))}
          </ul>
          {active.length > 0 && (
            <>
              <h4>Agreed actions</h4>
              <ul>
                {active.map((c) => (
                  <li key={c.proposal.id}>
                    {combinedLabel(c.proposal.kind)}
                    {c.proposal.zone
                      ? ` (${model.zoneById.get(c.proposal.zone)?.def.name ?? c.proposal.zone})`
                      : ''}{' '}
                    — in effect round {c.effectiveRound}
                  </li>
                ))}
              </ul>
            </>
          )}
          {!model.isWhite && !model.committed && v.stage === 'planning' && (
            <Propose model={model} send={send} />
          )}
        </section>
      )}
      <section aria-label="Off-ramps">
        <h3>Off-ramps</h3>
        {model.offers.length === 0 && <p className="muted">No offers on the table.</p>}
        <ul className="offers">
          {model.offers.map((o) => (
            <li key={o.id}>
              <code>{o.id}</code> {SEAT_LABEL[o.by]} offers <strong>{titleCase(o.terms)}</strong> (round{' '}
              {o.round}) · {o.status}
              {Object.entries(o.answers).length > 0 && (
                <span className="muted small">
                  {' '}
                  —{' '}
                  {Object.entries(o.answers)
                    .map(([f, a]) => `${f} ${a ? 'accepts' : 'rejects'}`)
                    .join(', ')}
                </span>
              )}
              {o.respondable && (
                <SendChoice
                  model={model}
                  send={send}
                  yes={{ type: 'respond', offer: o.id, accept: true }}
                  no={{ type: 'respond', offer: o.id, accept: false }}
                  yesLabel="Accept terms"
                  noLabel="Reject"
                />
              )}
            </li>
          ))}
        </ul>
        {model.faction && v.stage === 'planning' && (
          <fieldset>
            <legend>Offer terms</legend>
            <label className="field">
              <span>Terms</span>
              <select value={terms} onChange={(e) => setTerms(e.target.value as Terms)}>
                <option value="">—</option>
                {TERMS.map((t) => (
                  <option key={t} value={t}>
                    {titleCase(t)}
                  </option>
                ))}
              </select>
            </label>
            <Send
              model={model}
              send={send}
              intent={terms ? { type: 'offer', terms } : null}
              label="Offer"
              missing="Pick the terms to offer."
            />
          </fieldset>
        )}
      </section>
    </div>
  );
}
