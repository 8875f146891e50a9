import { describe, expect, it } from 'vitest';
import type { StatementJson } from '../../xapi/statements/xapiJson.js';
import { durationSeconds, statementLearning } from './learningEvent.js';

const site = 'https://lms.example.go.id';
function statement(verb: string, extra: Partial<StatementJson> = {}): StatementJson {
  return {
    actor: { account: { homePage: site, name: '1' } },
    verb: { id: verb },
    object: { objectType: 'Activity', id: `${site}/mod/quiz/attempt.php?attempt=1` },
    context: {
      contextActivities: {
        parent: [{ id: `${site}/mod/quiz/view.php?id=7` }, { id: `${site}/course/view.php?id=2` }],
        grouping: { id: `${site}/course/view.php?id=2` },
        category: [{ id: site }],
      },
    },
    ...extra,
  };
}

describe('what a statement says a learner did', () => {
  it('reads a graded, completed quiz attempt, scaling raw within min and max', () => {
    const learning = statementLearning(
      statement('http://adlnet.gov/expapi/verbs/completed', {
        result: {
          score: { raw: 50, min: 0, max: 100, scaled: 0 },
          success: true,
          completion: true,
          duration: 'PT1M30S',
        },
      }),
    );
    expect(learning).toEqual({
      takesPart: true,
      completes: true,
      scaled: 0.5,
      success: true,
      durationSeconds: 90,
      forum: null,
      activityIris: [
        `${site}/mod/quiz/attempt.php?attempt=1`,
        `${site}/mod/quiz/view.php?id=7`,
        `${site}/course/view.php?id=2`,
      ],
    });
  });

  it('takes scaled alone when raw, min and max are not all given, kept within 0..1', () => {
    const scaled = (score: Record<string, unknown>) =>
      statementLearning(statement('https://w3id.org/xapi/tla/verbs/scored', { result: { score } }))
        .scaled;
    expect(scaled({ scaled: 0.7 })).toBe(0.7);
    expect(scaled({ raw: 7, scaled: 0.7 })).toBe(0.7);
    expect(scaled({ raw: 12, min: 0, max: 10 })).toBe(1);
    expect(scaled({ raw: 5 })).toBeNull();
  });

  it('scales raw scores between bounds near the largest double, where the range overflows', () => {
    const scaled = (score: Record<string, unknown>) =>
      statementLearning(statement('https://w3id.org/xapi/tla/verbs/scored', { result: { score } }))
        .scaled;
    const huge = 1.7e308;
    expect(scaled({ raw: huge, min: -huge, max: huge })).toBe(1);
    expect(scaled({ raw: 0, min: -huge, max: huge })).toBe(0.5);
    expect(scaled({ raw: -huge, min: -huge, max: huge })).toBe(0);
  });

  it('does not read one answered question as a pass', () => {
    const learning = statementLearning(
      statement('http://adlnet.gov/expapi/verbs/answered', {
        result: { success: true, completion: true, response: 'b' },
      }),
    );
    expect(learning).toMatchObject({ takesPart: true, success: null, scaled: null });
  });

  it('reads passed and failed verbs as pass and fail', () => {
    expect(statementLearning(statement('http://adlnet.gov/expapi/verbs/passed')).success).toBe(
      true,
    );
    expect(statementLearning(statement('http://adlnet.gov/expapi/verbs/failed')).success).toBe(
      false,
    );
  });

  it('counts nothing for absence, unregistering and the like', () => {
    for (const verb of [
      'https://w3id.org/xapi/jejak/verbs/was-absent',
      'http://id.tincanapi.com/verb/unregistered',
      'http://adlnet.gov/expapi/verbs/registered',
    ]) {
      expect(
        statementLearning(statement(verb, { result: { completion: true, duration: 'PT1H' } })),
      ).toMatchObject({ takesPart: false, completes: false, durationSeconds: 0 });
    }
  });

  it('tells forum posts and replies', () => {
    const forum = { objectType: 'Activity', id: `${site}/mod/forum/discuss.php?d=3` };
    expect(
      statementLearning(statement('http://id.tincanapi.com/verb/replied', { object: forum })).forum,
    ).toBe('reply');
    expect(
      statementLearning(statement('http://activitystrea.ms/create', { object: forum })).forum,
    ).toBe('post');
    expect(
      statementLearning(
        statement('http://activitystrea.ms/create', {
          object: { id: `${site}/mod/book/view.php?id=1` },
        }),
      ).forum,
    ).toBeNull();
  });

  it('reads durations in ISO 8601', () => {
    expect(durationSeconds('PT1H30M')).toBe(5400);
    expect(durationSeconds('P1DT2H')).toBe(93_600);
    expect(durationSeconds('PT12.6S')).toBe(13);
    expect(durationSeconds('P1W')).toBe(604_800);
    expect(durationSeconds('nonsense')).toBe(0);
  });

  it('lists a StatementRef statement without activities of its own object', () => {
    const learning = statementLearning(
      statement('http://adlnet.gov/expapi/verbs/experienced', {
        object: { objectType: 'StatementRef', id: '0b0b0b0b-0000-4000-8000-000000000001' },
      }),
    );
    expect(learning.activityIris).toEqual([
      `${site}/mod/quiz/view.php?id=7`,
      `${site}/course/view.php?id=2`,
    ]);
  });
});
