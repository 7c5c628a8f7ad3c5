/**
 * The text forms of orders and actions (game/engine/orders.ts): `formatOrder`, the line the CLI,
 * the logs and golden files write and `parseOrder` reads back; `describeOrder`, the sentence
 * people read (units, zones, programs and weapons by name); `formatAction`, one line per
 * record action. Each form is pinned order type by order type, and every malformed line is
 * refused rather than half-read.
 */
import { describe, expect, it } from 'vitest';
import {
  type Action,
  describeOrder,
  formatAction,
  formatOrder,
  type Order,
  parseOrder,
} from '../game/index.ts';

/** One order of every type (and every branch of its wording), with its line and its sentence. */
const ORDERS: readonly [Order, string, string][] = [
  [
    { type: 'fund', program: 'iamd', amount: 1 },
    'fund iamd 1',
    'Fund Integrated air and missile defense (1 point)',
  ],
  [
    { type: 'fund', program: 'tomahawk', amount: 3 },
    'fund tomahawk 3',
    'Fund Tomahawk on destroyers (3 points)',
  ],
  [{ type: 'spending', pctGdp: 2.2 }, 'spending 2.2', 'Set defense spending to 2.2% of GDP'],
  [{ type: 'invest-command' }, 'invest-command', 'Invest in the command'],
  [{ type: 'two-plus-two' }, 'two-plus-two', 'Two plus two meeting'],
  [{ type: 'intervene' }, 'intervene', 'Intervene'],
  [{ type: 'revoke-consent' }, 'revoke-consent', 'Revoke consent'],
  [{ type: 'mobilize' }, 'mobilize', 'Mobilize reserves'],
  [
    { type: 'move', unit: 'us-ddg-yokosuka', to: 'philippine-sea-west' },
    'move us-ddg-yokosuka -> philippine-sea-west',
    'Move US Aegis destroyer squadron (Yokosuka) to Philippine Sea (west)',
  ],
  [
    {
      type: 'strike',
      unit: 'jp-ssm-ishigaki',
      target: 'taiwan-strait-north',
      aim: 'ships',
      weapon: 'type-12',
      count: 8,
    },
    'strike jp-ssm-ishigaki -> taiwan-strait-north ships type-12 x8',
    'Strike Taiwan Strait (north) (ships) with 8 Type 12 SSM (upgraded) from GSDF Type 12 SSM regiment (Ishigaki)',
  ],
  [
    { type: 'gray-zone', action: 'air-incursion', zone: 'taiwan-strait-north' },
    'gray-zone air-incursion taiwan-strait-north',
    'Gray-zone air incursion in Taiwan Strait (north)',
  ],
  [
    { type: 'gray-zone', action: 'surge', zone: 'senkaku' },
    'gray-zone surge senkaku',
    'Gray-zone coast guard surge in Senkaku Islands',
  ],
  [{ type: 'escalate', to: 3 }, 'escalate 3', 'Escalate to rung 3 (blockade)'],
  [{ type: 'escalate', to: 5 }, 'escalate 5', 'Escalate to rung 5 (invasion)'],
  [{ type: 'declare', status: 'none' }, 'declare none', 'Declare no situation'],
  [
    { type: 'declare', status: 'important-influence' },
    'declare important-influence',
    'Declare an important-influence situation',
  ],
  [{ type: 'declare', status: 'armed-attack' }, 'declare armed-attack', 'Declare an armed-attack situation'],
  [
    { type: 'declare', status: 'survival-threatening' },
    'declare survival-threatening',
    'Declare a survival-threatening situation',
  ],
  [
    {
      type: 'land',
      lift: 'cn-amphib-lift-1',
      brigades: ['cn-amphib-bde-1', 'cn-amphib-bde-2'],
      target: 'taichung',
    },
    'land cn-amphib-lift-1 cn-amphib-bde-1,cn-amphib-bde-2 -> taichung',
    'Land PLA amphibious combined-arms brigade 1, PLA amphibious combined-arms brigade 2 from PLAN amphibious lift group (Lift 1) on Taichung',
  ],
];

describe('formatOrder, describeOrder and parseOrder, order type by order type', () => {
  it.each(ORDERS)('%j is written "%s"', (order, line) => {
    expect(formatOrder(order)).toBe(line);
  });

  it.each(ORDERS)('%j reads back from its line', (order, line) => {
    expect(parseOrder(line)).toEqual(order);
    // Extra spaces around and between the words change nothing.
    expect(parseOrder(`  ${line.split(' ').join('   ')}  `)).toEqual(order);
  });

  it.each(ORDERS)('%j is described by name', (order, _line, sentence) => {
    expect(describeOrder(order)).toBe(sentence);
  });
});

describe('parseOrder refuses a line it cannot read whole', () => {
  it.each([
    ['an empty line', ''],
    ['an unknown verb', 'launch the nukes'],
    ['fund without an amount', 'fund iamd'],
    ['fund with a word too many', 'fund iamd 3 now'],
    ['spending without a figure', 'spending'],
    ['spending with two figures', 'spending 2 3'],
    ['an order without arguments given one', 'invest-command now'],
    ['intervene given one', 'intervene taiwan'],
    ['a move without its arrow', 'move us-ddg-yokosuka philippine-sea-west x'],
    ['a move with another arrow', 'move us-ddg-yokosuka => philippine-sea-west'],
    ['a move without a destination', 'move us-ddg-yokosuka ->'],
    ['a strike without "x" before its count', 'strike a -> b ships nsm 8'],
    ['a strike without its arrow', 'strike a b c ships nsm x8'],
    ['a strike short of its weapon', 'strike a -> b ships x8'],
    ['a strike with a word too many', 'strike a -> b ships nsm x8 now'],
    ['a gray-zone order without a zone', 'gray-zone patrol'],
    ['a gray-zone order with a word too many', 'gray-zone patrol senkaku now'],
    ['escalate without a rung', 'escalate'],
    ['escalate with two rungs', 'escalate 3 4'],
    ['declare without a status', 'declare'],
    ['declare with two words', 'declare armed attack'],
    ['a landing without its arrow', 'land lift bde taichung x'],
    ['a landing short of its target', 'land lift bde ->'],
    ['a landing with a word too many', 'land lift bde -> taichung now'],
  ])('%s: %j', (_what, line) => {
    expect(parseOrder(line)).toBeNull();
  });

  it('reads a figure that is not a number as NaN, for validation to refuse by name', () => {
    expect(parseOrder('fund iamd lots')).toEqual({ type: 'fund', program: 'iamd', amount: Number.NaN });
    expect(parseOrder('spending high')).toEqual({ type: 'spending', pctGdp: Number.NaN });
    expect(parseOrder('strike a -> b ships nsm xmany')).toMatchObject({ type: 'strike', count: Number.NaN });
    expect(parseOrder('escalate up')).toEqual({ type: 'escalate', to: Number.NaN });
  });
});

describe('formatAction: one line per record action', () => {
  const strike = {
    target: 'fujian',
    aim: 'ships' as const,
    parts: [
      { faction: 'japan' as const, unit: 'jp-ssm-kengun', weapon: 'type-12', count: 4 },
      { faction: 'us' as const, unit: 'us-mlr-12th', weapon: 'nsm', count: 2 },
    ],
  };
  it.each<[Action, string]>([
    [{ type: 'order', seat: 'japan', order: { type: 'mobilize' } }, 'japan: mobilize'],
    [{ type: 'withdraw', seat: 'us', index: 2 }, 'us: withdraw #2'],
    [{ type: 'commit', seat: 'taiwan' }, 'taiwan: commit'],
    [{ type: 'propose', seat: 'us', kind: 'us-ops-from-japan' }, 'us: propose us-ops-from-japan'],
    [
      { type: 'propose', seat: 'japan', kind: 'iamd-cover', zone: 'okinawa' },
      'japan: propose iamd-cover okinawa',
    ],
    [
      { type: 'propose', seat: 'us', kind: 'combined-strike', strike },
      'us: propose combined-strike fujian ships jp-ssm-kengun/type-12x4+us-mlr-12th/nsmx2',
    ],
    [{ type: 'answer', seat: 'japan', proposal: 'P3', accept: true }, 'japan: accept P3'],
    [{ type: 'answer', seat: 'japan', proposal: 'P3', accept: false }, 'japan: refuse P3'],
    [{ type: 'offer', seat: 'china', terms: 'ceasefire-in-place' }, 'china: offer ceasefire-in-place'],
    [{ type: 'respond', seat: 'taiwan', offer: 'T4', accept: true }, 'taiwan: accept T4'],
    [{ type: 'respond', seat: 'taiwan', offer: 'T4', accept: false }, 'taiwan: reject T4'],
    [
      {
        type: 'inject',
        seat: 'white',
        text: 'Typhoon',
        effects: [
          { track: 'taiwan.publicWill', delta: -5 },
          { track: 'japan.publicSupport', delta: 0 },
          { track: 'us.commitment', delta: 3 },
        ],
      },
      'white: inject "Typhoon" taiwan.publicWill-5 japan.publicSupport+0 us.commitment+3',
    ],
    // Effects left out are written as none, as for an empty list.
    [{ type: 'inject', seat: 'white', text: 'A rumour' }, 'white: inject "A rumour" '],
    [{ type: 'inject', seat: 'white', text: 'A rumour', effects: [] }, 'white: inject "A rumour" '],
    [
      { type: 'amend', seat: 'white', track: 'china.resolve', delta: -0.5, reason: 'too hawkish' },
      'white: amend china.resolve-0.5 "too hawkish"',
    ],
    [
      { type: 'amend', seat: 'white', track: 'china.resolve', delta: 0.5, reason: 'r' },
      'white: amend china.resolve+0.5 "r"',
    ],
    [{ type: 'rule', seat: 'white', request: 'R1', approve: true }, 'white: approve R1'],
    [{ type: 'rule', seat: 'white', request: 'R1', approve: false }, 'white: deny R1'],
    [{ type: 'set-timer', seat: 'white', seconds: 300 }, 'white: timer 300'],
    [{ type: 'set-timer', seat: 'white', seconds: 300, paused: true }, 'white: timer 300 paused'],
    [{ type: 'set-timer', seat: 'white', seconds: null }, 'white: timer off'],
    [{ type: 'timer-expired', seat: 'white' }, 'white: timer expired'],
    [{ type: 'advance', seat: 'white' }, 'white: advance'],
    [{ type: 'end', seat: 'white', reason: 'out of time' }, 'white: end "out of time"'],
  ])('%j is written "%s"', (action, line) => {
    expect(formatAction(action)).toBe(line);
  });
});
