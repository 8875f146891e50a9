import { describe, expect, it } from 'vitest';
import { checkPointRules, defaultPointRules, maxRulesPerSet } from './pointRules.js';

const completed = 'http://adlnet.gov/expapi/verbs/completed';

describe('checkPointRules', () => {
  it('fills in what a rule leaves out and trims what it gives', () => {
    expect(
      checkPointRules([{ verbIri: ` ${completed} `, label: '  ', iriPrefix: '', points: 3 }]),
    ).toEqual([
      {
        label: null,
        verbIri: completed,
        activityType: null,
        iriPrefix: null,
        target: null,
        success: null,
        minScaledScore: null,
        oncePerActivity: false,
        points: 3,
      },
    ]);
  });

  it('accepts the defaults as input', () => {
    expect(checkPointRules(defaultPointRules.map(({ id: _id, ...rule }) => rule))).toHaveLength(
      defaultPointRules.length,
    );
  });

  it('names the rule and the field of each mistake', () => {
    const refused = (rules: Parameters<typeof checkPointRules>[0]) => {
      try {
        checkPointRules(rules);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refused([{ verbIri: completed, points: 1.5 }])).toMatch(/^rules\[0\]\.points/);
    expect(refused([{ verbIri: completed, points: 1001 }])).toMatch(/^rules\[0\]\.points/);
    expect(refused([{ verbIri: completed, minScaledScore: -0.1, points: 1 }])).toMatch(
      /^rules\[0\]\.minScaledScore/,
    );
    expect(refused([{ verbIri: completed, label: 'x'.repeat(101), points: 1 }])).toMatch(
      /^rules\[0\]\.label/,
    );
    // Only the points differ: the same statements would score twice.
    expect(
      refused([
        { verbIri: completed, target: 'MODULE', points: 1 },
        { verbIri: completed, target: 'MODULE', label: 'again', points: 2 },
      ]),
    ).toMatch(/^rules\[1\]: matches the same statements as rules\[0\]/);
    // A condition more makes another rule.
    expect(
      refused([
        { verbIri: completed, target: 'MODULE', points: 1 },
        { verbIri: completed, target: 'MODULE', success: true, points: 2 },
      ]),
    ).toBe('accepted');
    expect(
      refused(
        Array.from({ length: maxRulesPerSet + 1 }, () => ({ verbIri: completed, points: 1 })),
      ),
    ).toMatch(/^rules: at most/);
  });
});
