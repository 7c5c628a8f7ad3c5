/**
 * Seminar data capture (issue 10; server/capture.ts): rationales, questionnaires and answers,
 * the note-taker log and the export. Fog: during the match no seat reads another's rationale
 * and only the White Cell reads the export; White-only routes refuse the seats; hostile bodies
 * are refused with a sentence naming the problem and store nothing; the export's JSON and CSV
 * hold every item; a round questionnaire closes when the next round starts; after the end the
 * export and the report are everyone's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchState } from '../../game/index.ts';
import type { MatchCapture } from '../../report/aar.ts';
import { CAPTURE_KEY, csvCell } from '../../server/capture.ts';
import { GAME, http, joinSeat, move, ours, socketClient, until, viewOf } from './helpers.ts';

type Ours = Awaited<ReturnType<typeof ours>>;
let s: Ours;
let id = '';
const creds: Record<'japan' | 'us' | 'white', string> = { japan: '', us: '', white: '' };

const route = (path: string) => `${s.url}/games/${GAME}/${id}/${path}`;
const post = (path: string, body: unknown) => http(route(`capture/${path}`), body);
const seat = (who: keyof typeof creds) => ({
  playerID: { japan: '0', us: '1', white: '4' }[who],
  credentials: creds[who],
});
async function exported(bearer?: string) {
  const res = await fetch(route('capture.json'), {
    headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
  });
  return { status: res.status, text: await res.text() };
}
const stored = () => s.storage.getServerValue(id, CAPTURE_KEY).then((v) => JSON.stringify(v ?? null));
const stateOf = async () => (await s.storage.fetch(id, { state: true })).state!.G as MatchState;

beforeAll(async () => {
  s = await ours();
  const r = await http<{ matchID: string }>(`${s.url}/games/${GAME}/create`, {
    numPlayers: 5,
    setupData: {
      scenarioId: 'taiwan-quarantine',
      white: true,
      bots: { china: 'opportunist', taiwan: 'baseline' },
    },
  });
  id = r.json.matchID;
  creds.japan = await joinSeat(s.url, id, '0', 'Japan player');
  creds.us = await joinSeat(s.url, id, '1', 'US player');
  creds.white = await joinSeat(s.url, id, '4', 'Facilitator');
});
afterAll(async () => {
  await s?.close();
});

/** Every seat commits (Japan and the US here; the bots follow), then the White Cell advances. */
async function nextRound(): Promise<void> {
  const round = (await stateOf()).round;
  const japan = socketClient(s.url, id, '0', creds.japan, 5);
  const us = socketClient(s.url, id, '1', creds.us, 5);
  const white = socketClient(s.url, id, '4', creds.white, 5);
  try {
    await until(() => [japan, us, white].every((c) => viewOf(c)?.round === round), 10_000, 'sync');
    move(japan, 'commit');
    move(us, 'commit');
    await until(
      async () => {
        const G = await stateOf();
        return G.stage === 'planning' && Object.values(G.pending).every((p) => p.committed);
      },
      15_000,
      'every faction committed',
    );
    move(white, 'advance');
    await until(async () => (await stateOf()).round > round, 15_000, 'the next round');
  } finally {
    for (const c of [japan, us, white]) c.stop();
  }
}

describe('during the match', () => {
  it('stores a seat rationale for the current round; a later one for the same commit replaces it', async () => {
    expect((await post('rationale', { ...seat('japan'), round: 1, text: 'Hold back.' })).status).toBe(200);
    const r = await post('rationale', {
      ...seat('japan'),
      round: 1,
      text: 'Signal resolve, keep it below the threshold',
    });
    expect(r.status).toBe(200);
    expect(
      (
        await post('rationale', {
          ...seat('japan'),
          round: 1,
          text: 'Screen Yonaguni',
          order: 'move jp-ddg-1 -> yonaguni',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post('rationale', {
          ...seat('us'),
          round: 1,
          text: '=HYPERLINK("x") keep options open, "quietly"',
        })
      ).status,
    ).toBe(200);
    const c = JSON.parse(await stored()) as MatchCapture;
    expect(c.rationales.map((x) => [x.seat, x.order, x.text])).toEqual([
      ['japan', null, 'Signal resolve, keep it below the threshold'],
      ['japan', 'move jp-ddg-1 -> yonaguni', 'Screen Yonaguni'],
      ['us', null, '=HYPERLINK("x") keep options open, "quietly"'],
    ]);
  });

  it("fog: another seat never reads a rationale; the export is the White Cell's alone", async () => {
    const us = await http<{ rationales: { seat: string; text: string }[] }>(
      route('capture/seat'),
      seat('us'),
    );
    expect(us.status).toBe(200);
    expect(us.json.rationales.map((r) => r.seat)).toEqual(['us']);
    expect(us.text).not.toContain('Signal resolve');
    for (const bearer of [undefined, creds.japan, creds.us, 'x'.repeat(24)]) {
      const e = await exported(bearer);
      expect(e.status).toBe(403);
      expect(e.text).not.toContain('Signal resolve');
      expect(e.text).toMatch(/White Cell/);
    }
    const csv = await fetch(route('capture.csv'), { headers: { authorization: `Bearer ${creds.us}` } });
    expect(csv.status).toBe(403);
    const white = await exported(creds.white);
    expect(white.status).toBe(200);
    expect(white.text).toContain('Signal resolve');
    // The match's public places carry none of it.
    for (const path of ['', 'seats', 'timer']) {
      const pub = await http(path ? route(path) : `${s.url}/games/${GAME}/${id}`);
      expect(pub.text).not.toContain('Signal resolve');
    }
  });

  it('refuses the White-only routes to the seats, and a faction-only route to the White Cell, storing nothing', async () => {
    const before = await stored();
    const q = {
      when: 'round',
      title: 'Round check',
      items: [{ kind: 'likert', prompt: 'We were deterred' }],
    };
    for (const [path, body, message] of [
      [
        'questionnaire',
        { ...seat('japan'), ...q },
        /Only the White Cell \(player 4\) may set a questionnaire; player 0 may not/,
      ],
      [
        'note',
        { ...seat('us'), text: 'a note' },
        /Only the White Cell \(player 4\) may write in the note-taker log; player 1 may not/,
      ],
      [
        'rationale',
        { ...seat('white'), round: 1, text: 'why' },
        /Only a faction seat .* may write a rationale/,
      ],
      ['answer', { ...seat('white'), questionnaire: 'q1', values: [3] }, /Only a faction seat .* may answer/],
      [
        'questionnaire',
        { playerID: '4', credentials: creds.japan, ...q },
        /These credentials do not hold player 4/,
      ],
    ] as const) {
      const r = await post(path, body);
      expect(r.status, `${path} ${r.text}`).toBe(403);
      expect(r.text).toMatch(message);
    }
    expect(await stored()).toBe(before);
  });

  it('refuses hostile bodies with a sentence naming the problem and stores nothing', async () => {
    const before = await stored();
    const j = seat('japan');
    const cases: [string, unknown, number, RegExp][] = [
      ['rationale', { ...j, round: 1, text: 'x', extra: 1 }, 400, /"extra"/],
      ['rationale', { ...j, round: 1, text: 'two\nlines' }, 400, /"text" must be one line/],
      ['rationale', { ...j, round: 1, text: 'x'.repeat(281) }, 400, /"text" must be at most 280 characters/],
      ['rationale', { ...j, round: 1, text: '   ' }, 400, /"text" must not be empty/],
      ['rationale', { ...j, round: '1', text: 'x' }, 400, /"round"/],
      ['rationale', { ...j, round: 2, text: 'x' }, 409, /the match is in round 1/],
      ['rationale', { ...j, credentials: 'wrong', round: 1, text: 'x' }, 403, /do not hold player 0/],
      [
        'rationale',
        { ...j, playerID: '__proto__', round: 1, text: 'x' },
        400,
        /"playerID" must be a seat number/,
      ],
      ['rationale', { ...j, playerID: 0, round: 1, text: 'x' }, 400, /"playerID"/],
      ['rationale', { ...j, credentials: { $ne: '' }, round: 1, text: 'x' }, 400, /"credentials"/],
      ['rationale', [j], 400, /expected object/i],
      [
        'questionnaire',
        { ...seat('white'), when: 'round', title: 'T', items: [] },
        400,
        /"items" must hold at least one item/,
      ],
      [
        'questionnaire',
        { ...seat('white'), when: 'later', title: 'T', items: [{ kind: 'likert', prompt: 'p' }] },
        400,
        /"when" must be "round"/,
      ],
      [
        'questionnaire',
        { ...seat('white'), when: 'round', title: 'T', items: [{ kind: 'scale', prompt: 'p' }] },
        400,
        /"items.0.kind"/,
      ],
      [
        'questionnaire',
        {
          ...seat('white'),
          when: 'round',
          title: 'T',
          items: Array.from({ length: 13 }, () => ({ kind: 'text', prompt: 'p' })),
        },
        400,
        /at most 12 items/,
      ],
      ['answer', { ...j, questionnaire: 'q99', values: [1] }, 404, /no questionnaire "q99"/],
      ['answer', { ...j, questionnaire: 'constructor', values: [1] }, 400, /"questionnaire"/],
      ['note', { ...seat('white'), text: 'bell\u0007' }, 400, /"text" must not hold control characters/],
      ['note', { ...seat('white'), text: 'x'.repeat(20_000) }, 413, /larger than 16 kB/],
    ];
    for (const [path, body, status, message] of cases) {
      const r = await post(path, body);
      expect(r.status, `${path} ${JSON.stringify(body).slice(0, 80)}: ${r.text}`).toBe(status);
      expect(r.text).toMatch(message);
    }
    const proto = await fetch(route('capture/rationale'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"playerID":"0","credentials":"${creds.japan}","round":1,"text":"x","__proto__":{"polluted":1}}`,
    });
    expect(proto.status).toBe(400);
    const plainText = await fetch(route('capture/note'), { method: 'POST', body: 'note' });
    expect(plainText.status).toBe(415);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await stored()).toBe(before);
  });

  it('White Cell sets a questionnaire; each seat answers its own, revisably; answers are checked per item', async () => {
    const q = await http<{ id: string }>(route('capture/questionnaire'), {
      ...seat('white'),
      when: 'round',
      title: 'End of round 1',
      items: [
        { kind: 'likert', prompt: 'Our seat was deterred from escalating' },
        { kind: 'text', prompt: 'What would have changed your decision?' },
      ],
    });
    expect(q.status).toBe(200);
    expect(q.json.id).toBe('q1');
    const seen = await http<{ questionnaires: { id: string }[] }>(route('capture/seat'), seat('japan'));
    expect(seen.json.questionnaires.map((x) => x.id)).toEqual(['q1']);
    const before = await stored();
    for (const [values, message] of [
      [[7, 'x'], /"values.0"/],
      [['four', 'x'], /"values.0" must be a whole number from 1 to 5/],
      [[4, 5], /"values.1" must be text/],
      [[4], /one value per item: questionnaire "q1" has 2, the body 1/],
    ] as const) {
      const r = await post('answer', { ...seat('japan'), questionnaire: 'q1', values });
      expect(r.status, r.text).toBe(400);
      expect(r.text).toMatch(message);
    }
    expect(await stored()).toBe(before);
    expect(
      (await post('answer', { ...seat('japan'), questionnaire: 'q1', values: [2, 'first thought'] })).status,
    ).toBe(200);
    expect(
      (await post('answer', { ...seat('japan'), questionnaire: 'q1', values: [4, 'A US carrier\nin range'] }))
        .status,
    ).toBe(200);
    expect((await post('answer', { ...seat('us'), questionnaire: 'q1', values: [4, null] })).status).toBe(
      200,
    );
    const c = JSON.parse(await stored()) as MatchCapture;
    expect(c.answers.map((a) => [a.seat, a.values])).toEqual([
      ['japan', [4, 'A US carrier\nin range']],
      ['us', [4, null]],
    ]);
    const mine = await http<{ answers: { seat: string }[] }>(route('capture/seat'), seat('us'));
    expect(mine.json.answers.map((a) => a.seat)).toEqual(['us']);
  });

  it('a round questionnaire closes when the next round starts; notes are filed under the current round', async () => {
    expect(
      (
        await post('note', {
          ...seat('white'),
          text: 'Japan hesitated over ROE.\nUS pushed for a show of force.',
        })
      ).status,
    ).toBe(200);
    await nextRound();
    const before = await stored();
    const late = await post('answer', { ...seat('japan'), questionnaire: 'q1', values: [1, 'late'] });
    expect(late.status).toBe(409);
    expect(late.text).toMatch(/closed when round 2 started/);
    const old = await post('rationale', { ...seat('japan'), round: 1, text: 'late' });
    expect(old.status).toBe(409);
    expect(await stored()).toBe(before);
    expect((await post('note', { ...seat('white'), text: '-1 for the US on signalling' })).status).toBe(200);
    expect(
      (await post('rationale', { ...seat('japan'), round: 2, text: 'Round two: stay the course' })).status,
    ).toBe(200);
    const c = JSON.parse(await stored()) as MatchCapture;
    expect(c.notes.map((n) => n.round)).toEqual([1, 2]);
  }, 60_000);
});

describe('after the end', () => {
  beforeAll(async () => {
    const white = socketClient(s.url, id, '4', creds.white, 5);
    try {
      await until(() => viewOf(white)?.round !== undefined, 10_000, 'sync');
      move(white, 'end', { reason: 'Time is up for the seminar' });
      await until(async () => (await stateOf()).stage === 'ended', 15_000, 'the end');
    } finally {
      white.stop();
    }
  }, 30_000);

  it('takes end-of-match questionnaires and their answers, but no more round ones or rationales', async () => {
    const round = await post('questionnaire', {
      ...seat('white'),
      when: 'round',
      title: 'R',
      items: [{ kind: 'text', prompt: 'p' }],
    });
    expect(round.status).toBe(409);
    expect(round.text).toMatch(/end-of-match questionnaire/);
    const q = await http<{ id: string }>(route('capture/questionnaire'), {
      ...seat('white'),
      when: 'match',
      title: 'Hot wash',
      items: [{ kind: 'likert', prompt: 'The alliance held together' }],
    });
    expect(q.status).toBe(200);
    expect((await post('answer', { ...seat('us'), questionnaire: q.json.id, values: [5] })).status).toBe(200);
    expect((await post('answer', { ...seat('japan'), questionnaire: q.json.id, values: [3] })).status).toBe(
      200,
    );
    expect((await post('rationale', { ...seat('japan'), round: 2, text: 'after' })).status).toBe(409);
  });

  it('serves the export to anyone: JSON with every item, CSV one row per item with formulas defused', async () => {
    const e = await exported();
    expect(e.status).toBe(200);
    const c = JSON.parse(e.text) as MatchCapture;
    expect(c).toMatchObject({
      format: 'island-chain-capture/1',
      matchID: id,
      scenarioId: 'taiwan-quarantine',
      ended: true,
    });
    expect(c.rationales).toHaveLength(4);
    expect(c.questionnaires.map((q) => [q.id, q.when])).toEqual([
      ['q1', 'round'],
      ['q2', 'match'],
    ]);
    expect(c.answers).toHaveLength(4);
    expect(c.notes).toHaveLength(2);

    const res = await fetch(route('capture.csv'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain(`island-chain-${id}-capture.csv`);
    const csv = await res.text();
    const rows = csv.trimEnd().split('\r\n');
    const mid = csvCell(id);
    expect(rows[0]).toBe('match,round,seat,kind,question,answer,time');
    expect(rows).toContain(
      `${mid},1,japan,rationale,commit,"Signal resolve, keep it below the threshold",${new Date(c.rationales[0]!.at).toISOString()}`,
    );
    expect(csv).toContain(`${mid},1,us,rationale,commit,"'=HYPERLINK(""x"") keep options open, ""quietly"""`);
    expect(csv).toContain(`${mid},1,japan,likert,End of round 1: Our seat was deterred from escalating,4,`);
    expect(csv).toContain(
      `${mid},1,japan,free-text,End of round 1: What would have changed your decision?,"A US carrier\nin range",`,
    );
    expect(csv).toContain(`${mid},end,us,likert,Hot wash: The alliance held together,5,`);
    expect(csv).toContain(`${mid},2,white,note,,'-1 for the US on signalling,`);
    // 4 rationales, 3 answered items of q1, 2 of q2, 2 notes.
    expect(rows).toHaveLength(1 + 4 + 3 + 2 + 2);
  });

  it('puts the capture in the after-action report', async () => {
    const r = await http(route('report'));
    expect(r.status).toBe(200);
    expect(r.text).toContain('What the players decided and why');
    expect(r.text).toContain('Signal resolve, keep it below the threshold');
    expect(r.text).toContain('=HYPERLINK(&quot;x&quot;) keep options open');
    expect(r.text).toContain('Hot wash');
    expect(r.text).toContain('Japan hesitated over ROE.');
    // A later note is in the next report (a report is kept only with the capture it shows).
    expect(
      (await post('note', { ...seat('white'), text: 'Hot wash: signalling mattered most' })).status,
    ).toBe(200);
    const again = await http(route('report'));
    expect(again.text).toContain('Hot wash: signalling mattered most');
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['two\nlines', '"two\nlines"'],
  ])('%j → %j', (x, y) => expect(csvCell(x)).toBe(y));
});
