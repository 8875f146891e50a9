// Statement validation rule by rule, under both xAPI versions. Cases marked "suite" mirror what
// the ADL LRS conformance suite sends and expects accepted or rejected.
import { describe, it, expect } from 'vitest';
import {
  activityProblems,
  agentProblems,
  isValidIri,
  isValidIsoDuration,
  isValidLanguageTag,
  isValidTimestamp,
  isValidUuid,
  statementProblems,
  type XapiVersion,
} from './validateStatement.js';

const versions: readonly XapiVersion[] = ['1.0.3', '2.0.0'];

type Json = Record<string, unknown>;

const agent = { objectType: 'Agent', name: 'Ana', mbox: 'mailto:ana@example.com' };
const activity = { objectType: 'Activity', id: 'http://example.com/activities/1' };
const verb = { id: 'http://adlnet.gov/expapi/verbs/attended', display: { 'en-US': 'attended' } };
const statementRefId = '8f87ccde-bb56-4c2e-ab83-44982ef22df0';

function statement(overrides: Json = {}): Json {
  return { actor: agent, verb, object: activity, ...overrides };
}

function subStatement(overrides: Json = {}): Json {
  return { objectType: 'SubStatement', actor: agent, verb, object: activity, ...overrides };
}

function attachment(overrides: Json = {}): Json {
  return {
    usageType: 'http://example.com/attachment-usage/test',
    display: { 'en-US': 'A test attachment' },
    contentType: 'text/plain; charset=ascii',
    length: 27,
    sha2: '495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a',
    ...overrides,
  };
}

describe.each(versions)('statementProblems under xAPI %s', (version) => {
  const valid = (s: unknown) => expect(statementProblems(s, version)).toEqual([]);
  const invalid = (s: unknown, path: string, rule: string) =>
    expect(statementProblems(s, version)).toEqual([{ path, rule }]);

  describe('statement shape', () => {
    it('accepts the minimal actor-verb-object statement', () => valid(statement()));

    it('rejects what is not an object', () => {
      invalid([statement()], '', 'must be an object');
      invalid(null, '', 'must not be null');
    });

    it('requires actor, verb and object', () => {
      invalid({ verb, object: activity }, 'actor', 'is required');
      invalid({ actor: agent, object: activity }, 'verb', 'is required');
      invalid({ actor: agent, verb }, 'object', 'is required');
    });

    it('rejects unknown and wrongly cased properties (suite)', () => {
      invalid(statement({ objectType: 'statementref' }), 'objectType', 'is not allowed');
      invalid(statement({ Version: '1.0.0' }), 'Version', 'is not allowed');
    });

    it('rejects null where a value is expected (suite)', () => {
      invalid(statement({ result: null }), 'result', 'must not be null');
    });

    it('checks the id is a UUID, in any case (suite)', () => {
      valid(statement({ id: 'AA97B177-9383-4934-8543-0F91A7A02836' }));
      invalid(statement({ id: 'AA97B177-9383-4934-8543-0F91A7A028368' }), 'id', 'must be a UUID');
      invalid(statement({ id: 12345 }), 'id', 'must be a string');
    });
  });

  describe('agents', () => {
    it('accepts each inverse functional identifier, objectType optional (suite)', () => {
      valid(statement({ actor: { mbox: 'mailto:xapi@adlnet.gov' } }));
      valid(statement({ actor: { mbox_sha1sum: 'cd9b00a5611f94eaa7b1661edab976068e364975' } }));
      valid(statement({ actor: { openid: 'http://openid.example.org/12345' } }));
      valid(statement({ actor: { account: { homePage: 'http://www.example.com', name: '' } } }));
    });

    it('requires exactly one inverse functional identifier (suite)', () => {
      const rule = 'must have exactly one inverse functional identifier';
      invalid(statement({ actor: { objectType: 'Agent', name: 'Ana' } }), 'actor', rule);
      invalid(
        statement({ actor: { ...agent, openid: 'http://openid.example.org/12345' } }),
        'actor',
        rule,
      );
    });

    it('checks the format of each identifier (suite)', () => {
      invalid(
        statement({ actor: { mbox: 'mailto:should.fail.com' } }),
        'actor.mbox',
        'must be a mailto IRI',
      );
      invalid(
        statement({ actor: { mbox: 'http://should.fail.com' } }),
        'actor.mbox',
        'must be a mailto IRI',
      );
      invalid(
        statement({ actor: { mbox_sha1sum: 'cd9b00a5611f94eaa7b1661edab97606' } }),
        'actor.mbox_sha1sum',
        'must be a hex SHA-1 hash',
      );
      invalid(
        statement({ actor: { openid: 'open.id.com/testUser' } }),
        'actor.openid',
        'must be an IRI',
      );
    });

    it('requires a complete account with an IRL homePage (suite)', () => {
      invalid(
        statement({ actor: { account: { homePage: 'homePage.com/testUser', name: '1' } } }),
        'actor.account.homePage',
        'must be an IRL',
      );
      invalid(
        statement({ actor: { account: { homePage: 'http://example.com' } } }),
        'actor.account.name',
        'is required',
      );
      invalid(
        statement({ actor: { account: { homePage: 'http://example.com', name: { key: 1 } } } }),
        'actor.account.name',
        'must be a string',
      );
    });

    it('checks objectType and name exactly (suite)', () => {
      invalid(
        statement({ actor: { ...agent, objectType: 'agent' } }),
        'actor.objectType',
        'must be Agent or Group',
      );
      invalid(statement({ actor: { ...agent, name: 123 } }), 'actor.name', 'must be a string');
      invalid(statement({ actor: { ...agent, member: [] } }), 'actor.member', 'is not allowed');
    });
  });

  describe('groups', () => {
    const members = [
      { mbox: 'mailto:a@example.com' },
      { objectType: 'Agent', mbox: 'mailto:b@example.com' },
    ];

    it('accepts anonymous groups with members and identified groups with or without (suite)', () => {
      valid(statement({ actor: { objectType: 'Group', member: members } }));
      valid(statement({ actor: { objectType: 'Group', mbox: 'mailto:g@example.com' } }));
      valid(
        statement({
          actor: { objectType: 'Group', name: 'G', openid: 'http://g.example', member: members },
        }),
      );
    });

    it('requires members in an anonymous group (suite)', () => {
      invalid(
        statement({ actor: { objectType: 'Group', name: 'G' } }),
        'actor.member',
        'is required for an anonymous group',
      );
      invalid(
        statement({ actor: { objectType: 'Group', member: { mbox: 'mailto:a@example.com' } } }),
        'actor.member',
        'must be an array',
      );
    });

    it('allows at most one identifier (suite)', () => {
      invalid(
        statement({
          actor: { objectType: 'Group', mbox: 'mailto:g@example.com', openid: 'http://g.example' },
        }),
        'actor',
        'must have at most one inverse functional identifier',
      );
    });

    it('only allows identified Agents as members', () => {
      invalid(
        statement({
          actor: {
            objectType: 'Group',
            member: [{ objectType: 'Group', mbox: 'mailto:g@example.com' }],
          },
        }),
        'actor.member[0].objectType',
        'must be Agent',
      );
      invalid(
        statement({ actor: { objectType: 'Group', member: [{ name: 'nobody' }] } }),
        'actor.member[0]',
        'must have exactly one inverse functional identifier',
      );
    });
  });

  describe('verb', () => {
    it('accepts an IRI id with or without display', () => {
      valid(statement({ verb: { id: 'http://id.tincanapi.com/verb/viewed' } }));
      valid(statement({ verb: { id: 'urn:example:verb', display: {} } }));
    });

    it('requires an IRI id (suite)', () => {
      invalid(statement({ verb: { display: verb.display } }), 'verb.id', 'is required');
      invalid(statement({ verb: { id: 'ab=c://should.fail.com' } }), 'verb.id', 'must be an IRI');
      invalid(
        statement({ verb: { id: 'adlnet.gov/expapi/verbs/attended' } }),
        'verb.id',
        'must be an IRI',
      );
    });

    it('requires display to be a language map (suite)', () => {
      invalid(
        statement({ verb: { ...verb, display: 'a12345 attended' } }),
        'verb.display',
        'must be a language map',
      );
      invalid(
        statement({ verb: { ...verb, display: { a12345678: 'attended' } } }),
        'verb.display.a12345678',
        'key must be a language tag',
      );
      invalid(
        statement({ verb: { ...verb, display: { 'en-US': null } } }),
        'verb.display["en-US"]',
        'must not be null',
      );
    });
  });

  describe('object', () => {
    it('treats an object without objectType as an Activity (suite)', () => {
      valid(statement({ object: { id: 'http://example.com/activities/1' } }));
      invalid(
        statement({ object: { id: activity.id, mbox: 'mailto:ana@example.com' } }),
        'object.mbox',
        'is not allowed',
      );
    });

    it('accepts Agents, Groups and StatementRefs (suite)', () => {
      valid(statement({ object: agent }));
      valid(statement({ object: { objectType: 'Group', mbox: 'mailto:g@example.com' } }));
      valid(statement({ object: { objectType: 'StatementRef', id: statementRefId } }));
    });

    it('rejects objectTypes in the wrong case (suite)', () => {
      invalid(
        statement({ object: { ...activity, objectType: 'activity' } }),
        'object.objectType',
        'must be Activity, Agent, Group, StatementRef or SubStatement',
      );
    });

    it('requires a StatementRef to carry a UUID id (suite)', () => {
      invalid(statement({ object: { objectType: 'StatementRef' } }), 'object.id', 'is required');
      invalid(
        statement({ object: { objectType: 'StatementRef', id: 'should fail' } }),
        'object.id',
        'must be a UUID',
      );
    });
  });

  describe('sub-statements', () => {
    it('accepts a SubStatement with result, context, timestamp and any object but another (suite)', () => {
      valid(
        statement({
          object: subStatement({
            object: { objectType: 'StatementRef', id: statementRefId },
            result: { completion: true },
            context: { registration: statementRefId },
            timestamp: '2013-05-18T05:32:34.804Z',
          }),
        }),
      );
    });

    it('rejects id, stored, version and authority in a SubStatement (suite)', () => {
      invalid(
        statement({ object: subStatement({ id: statementRefId }) }),
        'object.id',
        'is not allowed',
      );
      invalid(
        statement({ object: subStatement({ stored: '2013-05-18T05:32:34.804Z' }) }),
        'object.stored',
        'is not allowed',
      );
      invalid(
        statement({ object: subStatement({ version: '1.0.0' }) }),
        'object.version',
        'is not allowed',
      );
      invalid(
        statement({ object: subStatement({ authority: agent }) }),
        'object.authority',
        'is not allowed',
      );
    });

    it('rejects a nested SubStatement (suite)', () => {
      invalid(
        statement({ object: subStatement({ object: subStatement() }) }),
        'object.object.objectType',
        'must not be SubStatement inside a SubStatement',
      );
    });

    it('validates a SubStatement as a statement (suite)', () => {
      invalid(
        statement({ object: subStatement({ verb: undefined }) }),
        'object.verb',
        'is required',
      );
      invalid(
        statement({ object: subStatement({ actor: { ...agent, objectType: 'group' } }) }),
        'object.actor.objectType',
        'must be Agent or Group',
      );
    });
  });

  describe('activity definitions', () => {
    const withDefinition = (definition: Json) => statement({ object: { ...activity, definition } });

    it('accepts an empty definition and a full one (suite)', () => {
      valid(withDefinition({}));
      valid(
        withDefinition({
          name: { 'en-GB': 'example meeting', 'zh-Hans-CN': '会议' },
          description: { 'sr-Latn-RS': 'opis' },
          type: 'http://adlnet.gov/expapi/activities/meeting',
          moreInfo: 'http://virtualmeeting.example.com/345256',
          extensions: { 'http://example.com/ext': { anything: [1, null] } },
        }),
      );
    });

    it('checks names, descriptions, type and moreInfo (suite)', () => {
      invalid(withDefinition({ name: 1234 }), 'object.definition.name', 'must be a language map');
      invalid(
        withDefinition({ description: { something: 'x' } }),
        'object.definition.description.something',
        'key must be a language tag',
      );
      invalid(withDefinition({ type: 'should error' }), 'object.definition.type', 'must be an IRI');
      invalid(
        withDefinition({ moreInfo: 'over.there.com' }),
        'object.definition.moreInfo',
        'must be an IRL',
      );
      invalid(withDefinition({ foo: 1 }), 'object.definition.foo', 'is not allowed');
    });

    it('accepts each interactionType with its component lists (suite)', () => {
      const component = (id: string) => ({ id, description: { 'en-US': id } });
      valid(withDefinition({ interactionType: 'true-false', correctResponsesPattern: ['true'] }));
      valid(
        withDefinition({
          interactionType: 'choice',
          correctResponsesPattern: ['golf[,]tetris'],
          choices: [component('golf'), component('tetris')],
        }),
      );
      valid(withDefinition({ interactionType: 'likert', scale: [component('likert_0')] }));
      valid(
        withDefinition({
          interactionType: 'matching',
          source: [component('ben')],
          target: [component('3')],
        }),
      );
      valid(withDefinition({ interactionType: 'performance', steps: [component('pong')] }));
      valid(withDefinition({ interactionType: 'sequencing', choices: [component('with space')] }));
      valid(withDefinition({ interactionType: 'numeric', correctResponsesPattern: ['4[:]'] }));
      valid(withDefinition({ interactionType: 'other', correctResponsesPattern: [] }));
    });

    it('rejects unknown or miscased interactionTypes (suite)', () => {
      invalid(
        withDefinition({ interactionType: 'choiCe' }),
        'object.definition.interactionType',
        'must be one of true-false, choice, fill-in, long-fill-in, matching, performance, sequencing, likert, numeric, other',
      );
    });

    it('requires interactionType with a pattern or components (suite)', () => {
      invalid(
        withDefinition({ correctResponsesPattern: ['true'] }),
        'object.definition.interactionType',
        'is required with correctResponsesPattern or interaction components',
      );
      invalid(
        withDefinition({ choices: [{ id: 'a' }] }),
        'object.definition.interactionType',
        'is required with correctResponsesPattern or interaction components',
      );
    });

    it('checks component lists and patterns', () => {
      invalid(
        withDefinition({ interactionType: 'likert', choices: [{ id: 'a' }] }),
        'object.definition.choices',
        'is not allowed for interactionType likert',
      );
      invalid(
        withDefinition({ interactionType: 'choice', choices: [{ id: 'a' }, { id: 'a' }] }),
        'object.definition.choices[1].id',
        'must be unique within the list',
      );
      invalid(
        withDefinition({ interactionType: 'choice', choices: [{ description: { en: 'a' } }] }),
        'object.definition.choices[0].id',
        'is required',
      );
      invalid(
        withDefinition({ interactionType: 'numeric', correctResponsesPattern: [4] }),
        'object.definition.correctResponsesPattern[0]',
        'must be a string',
      );
    });
  });

  describe('result', () => {
    const withResult = (result: Json) => statement({ result });

    it('accepts a full result (suite)', () => {
      valid(
        withResult({
          score: { scaled: -1, raw: 0.6767676, min: 0, max: 100.6767676 },
          success: false,
          completion: true,
          response: '',
          duration: 'PT4H35M59.14S',
          extensions: { 'http://example.com/ex': null },
        }),
      );
    });

    it('keeps scaled within -1..1 and raw within min..max (suite)', () => {
      invalid(
        withResult({ score: { scaled: 1.01 } }),
        'result.score.scaled',
        'must be between -1 and 1',
      );
      invalid(
        withResult({ score: { raw: 5, max: 4 } }),
        'result.score.raw',
        'must not be greater than max',
      );
      invalid(
        withResult({ score: { raw: 5, min: 6 } }),
        'result.score.raw',
        'must not be less than min',
      );
      invalid(
        withResult({ score: { min: 2, max: 1 } }),
        'result.score.min',
        'must not be greater than max',
      );
      valid(withResult({ score: { raw: 1, min: 1, max: 1 } }));
    });

    it('requires JSON types, not look-alike strings (suite)', () => {
      invalid(withResult({ score: { max: '100' } }), 'result.score.max', 'must be a number');
      invalid(withResult({ success: 'true' }), 'result.success', 'must be a boolean');
      invalid(withResult({ response: 12345 }), 'result.response', 'must be a string');
      invalid(withResult({ score: 'should fail' }), 'result.score', 'must be an object');
    });

    it('requires an ISO 8601 duration (suite)', () => {
      valid(withResult({ duration: 'P4W' }));
      invalid(withResult({ duration: 'P4W1D' }), 'result.duration', 'must be an ISO 8601 duration');
      invalid(
        withResult({ duration: 'PA1H0M0S' }),
        'result.duration',
        'must be an ISO 8601 duration',
      );
    });
  });

  describe('context', () => {
    const withContext = (context: Json, object: unknown = activity) =>
      statement({ context, object });

    it('accepts every 1.0.3 context property (suite)', () => {
      valid(
        withContext({
          registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
          instructor: agent,
          team: { objectType: 'Group', mbox: 'mailto:team@example.com' },
          contextActivities: {
            parent: activity,
            grouping: [activity, { id: 'http://example.com/activities/2' }],
            category: [],
            other: [activity],
          },
          revision: 'rev_10_3_2',
          platform: 'Example virtual meeting software',
          language: 'tlh',
          statement: { objectType: 'StatementRef', id: statementRefId },
          extensions: { 'http://example.com/ex': '' },
        }),
      );
    });

    it('checks registration, instructor and team (suite)', () => {
      invalid(
        withContext({ registration: 'should fail' }),
        'context.registration',
        'must be a UUID',
      );
      invalid(
        withContext({ instructor: 'should fail' }),
        'context.instructor',
        'must be an object',
      );
      invalid(withContext({ team: agent }), 'context.team.objectType', 'must be Group');
    });

    it('checks contextActivities keys and values (suite)', () => {
      invalid(
        withContext({ contextActivities: { consequences: [activity] } }),
        'context.contextActivities.consequences',
        'is not allowed',
      );
      invalid(
        withContext({ contextActivities: { parent: 'should fail' } }),
        'context.contextActivities.parent',
        'must be an Activity or an array of Activities',
      );
      invalid(
        withContext({ contextActivities: { other: [activity, { key: 'x', id: activity.id }] } }),
        'context.contextActivities.other[1].key',
        'is not allowed',
      );
    });

    it('only allows revision and platform when the object is an Activity (suite)', () => {
      valid(withContext({ revision: 'r1', platform: 'p' }, { id: activity.id }));
      invalid(
        withContext({ revision: 'r1' }, agent),
        'context.revision',
        'is only allowed when the object is an Activity',
      );
      invalid(
        withContext({ platform: 'p' }, { objectType: 'StatementRef', id: statementRefId }),
        'context.platform',
        'is only allowed when the object is an Activity',
      );
      invalid(withContext({ platform: 12345 }), 'context.platform', 'must be a string');
    });

    it('checks language and the statement reference (suite)', () => {
      valid(withContext({ language: 'fr-CA' }));
      invalid(withContext({ language: 'a12345678' }), 'context.language', 'must be a language tag');
      invalid(
        withContext({ statement: { objectType: 'statementref', id: statementRefId } }),
        'context.statement.objectType',
        'must be StatementRef',
      );
    });
  });

  describe('timestamp and stored', () => {
    it('accepts UTC, offsets and future dates (suite)', () => {
      valid(statement({ timestamp: '2013-05-18T05:32:34.804Z' }));
      valid(statement({ timestamp: '2008-09-15T15:53:00.601+00:00' }));
      valid(statement({ timestamp: `${new Date().getUTCFullYear() + 5}-01-01T00:00:00Z` }));
      valid(statement({ stored: new Date('July 15, 2011').toISOString() }));
    });

    it('rejects non-dates and the -00:00 "unknown offset" (suite)', () => {
      const rule =
        version === '2.0.0' ? 'must be an RFC 3339 timestamp' : 'must be an ISO 8601 timestamp';
      invalid(statement({ timestamp: '01/011/2015' }), 'timestamp', rule);
      invalid(statement({ timestamp: '2008-09-15T15:53:00.601-00:00' }), 'timestamp', rule);
      invalid(statement({ timestamp: '2008-09-15T15:53:00.601-0000' }), 'timestamp', rule);
      invalid(statement({ stored: 'should fail' }), 'stored', rule);
      invalid(
        statement({ object: subStatement({ timestamp: '2008-09-15T15:53:00.601-00' }) }),
        'object.timestamp',
        rule,
      );
    });
  });

  describe('version', () => {
    it('accepts 1.0 and any 1.0.x (suite)', () => {
      valid(statement({ version: '1.0' }));
      valid(statement({ version: '1.0.9' }));
    });

    it('rejects other versions (suite)', () => {
      const rule =
        version === '2.0.0' ? 'must be 1.0, 1.0.x, 2.0 or 2.0.x' : 'must be 1.0 or 1.0.x';
      invalid(statement({ version: '1.1.0' }), 'version', rule);
      invalid(statement({ version: '0.9.9' }), 'version', rule);
      invalid(statement({ version: 1 }), 'version', 'must be a string');
    });
  });

  describe('authority', () => {
    const oauthPair = [
      {
        account: { homePage: 'http://example.com/xAPI/OAuth/Token', name: 'oauth_consumer_x75db' },
      },
      { mbox: 'mailto:bob@example.com' },
    ];

    it('accepts an Agent or an anonymous Group of two Agents (suite)', () => {
      valid(statement({ authority: agent }));
      valid(statement({ authority: { objectType: 'Group', member: oauthPair } }));
    });

    it('rejects identified groups and other member counts (suite)', () => {
      const rule = 'must be an Agent or an anonymous Group of two Agents';
      invalid(
        statement({
          authority: { objectType: 'Group', mbox: 'mailto:g@example.com', member: oauthPair },
        }),
        'authority',
        rule,
      );
      invalid(
        statement({
          authority: {
            objectType: 'Group',
            member: [...oauthPair, { mbox: 'mailto:c@example.com' }],
          },
        }),
        'authority',
        rule,
      );
    });
  });

  describe('attachments', () => {
    it('accepts complete attachments, fileUrl optional (suite)', () => {
      valid(
        statement({
          attachments: [
            attachment(),
            attachment({
              fileUrl: 'http://over.there.com/file.txt',
              description: { 'es-MX': 'x' },
            }),
          ],
        }),
      );
    });

    it('requires the mandatory properties', () => {
      invalid(
        statement({ attachments: [attachment({ sha2: undefined })] }),
        'attachments[0].sha2',
        'is required',
      );
      invalid(
        statement({ attachments: [attachment({ display: undefined })] }),
        'attachments[0].display',
        'is required',
      );
    });

    it('checks each property type and format (suite)', () => {
      invalid(statement({ attachments: attachment() }), 'attachments', 'must be an array');
      invalid(
        statement({ attachments: [attachment({ usageType: 'should fail' })] }),
        'attachments[0].usageType',
        'must be an IRI',
      );
      invalid(
        statement({ attachments: [attachment({ contentType: 12345 })] }),
        'attachments[0].contentType',
        'must be a string',
      );
      invalid(
        statement({ attachments: [attachment({ length: 'should fail' })] }),
        'attachments[0].length',
        'must be a number',
      );
      invalid(
        statement({ attachments: [attachment({ length: 2.5 })] }),
        'attachments[0].length',
        'must be a non-negative integer',
      );
      invalid(
        statement({ attachments: [attachment({ sha2: 'abc' })] }),
        'attachments[0].sha2',
        'must be a hex SHA-2 hash',
      );
      invalid(
        statement({ attachments: [attachment({ fileUrl: 'should fail' })] }),
        'attachments[0].fileUrl',
        'must be an IRL',
      );
      invalid(
        statement({ attachments: [attachment({ display: { 'en-US': 'x', something: 'y' } })] }),
        'attachments[0].display.something',
        'key must be a language tag',
      );
    });
  });

  describe('extensions', () => {
    it('accepts any value, null and empty included (suite)', () => {
      valid(statement({ result: { extensions: {} } }));
      valid(statement({ context: { extensions: { 'http://example.com/ex': null } } }));
    });

    it('requires IRI keys (suite)', () => {
      invalid(
        statement({ context: { extensions: { 'example.com/extension/wrong': 1 } } }),
        'context.extensions["example.com/extension/wrong"]',
        'key must be an IRI',
      );
      invalid(statement({ result: { extensions: 'x' } }), 'result.extensions', 'must be an object');
    });
  });

  describe('voiding', () => {
    const voided = { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } };

    it('accepts a voiding statement whose target is unknown (suite)', () => {
      valid(
        statement({ verb: voided, object: { objectType: 'StatementRef', id: statementRefId } }),
      );
    });

    it('requires a StatementRef object (suite)', () => {
      invalid(
        statement({ verb: voided }),
        'object',
        'must be a StatementRef when the verb is voided',
      );
    });
  });

  it('accepts a realistic Moodle logstore_xapi statement', () => {
    valid({
      actor: {
        objectType: 'Agent',
        name: 'Ana Putri',
        account: { homePage: 'http://moodle.example', name: '42' },
      },
      verb: { id: 'http://id.tincanapi.com/verb/viewed', display: { en: 'viewed' } },
      object: {
        id: 'http://moodle.example/mod/quiz/view.php?id=3',
        definition: {
          type: 'http://adlnet.gov/expapi/activities/assessment',
          name: { en: 'Kuis Etika ASN' },
        },
        objectType: 'Activity',
      },
      timestamp: '2015-06-10T15:31:41+01:00',
      context: {
        registration: '58028332-2277-5b51-a632-7836992917ea',
        platform: 'Moodle',
        language: 'id',
        extensions: {
          'http://lrs.learninglocker.net/define/extensions/info': {
            'http://moodle.org': '4.1.2',
            'https://github.com/xAPI-vle/moodle-logstore_xapi': 'v4.7.0',
            event_name: '\\mod_quiz\\event\\course_module_viewed',
          },
        },
        contextActivities: {
          grouping: [
            {
              id: 'http://moodle.example',
              definition: {
                type: 'http://id.tincanapi.com/activitytype/lms',
                name: { en: 'Site' },
              },
              objectType: 'Activity',
            },
            {
              id: 'http://moodle.example/course/view.php?id=2',
              definition: {
                type: 'http://id.tincanapi.com/activitytype/lms/course',
                name: { en: 'Pelatihan Dasar' },
              },
              objectType: 'Activity',
            },
          ],
          category: [
            {
              id: 'http://moodle.org',
              definition: {
                type: 'http://id.tincanapi.com/activitytype/source',
                name: { en: 'Moodle' },
              },
              objectType: 'Activity',
            },
          ],
        },
      },
    });
  });

  it('accepts a cmi5 "completed" statement', () => {
    valid({
      id: '2a41c918-b88b-4220-80a5-a4c32391a240',
      actor: {
        objectType: 'Agent',
        account: { homePage: 'https://lms.example.go.id', name: 'learner-17' },
      },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
      object: {
        objectType: 'Activity',
        id: 'https://example.go.id/cmi5/courses/etika/au/1',
        definition: { type: 'https://w3id.org/xapi/cmi5/activitytype/block' },
      },
      result: {
        completion: true,
        duration: 'PT1H12M3.25S',
        extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/progress': 100 },
      },
      context: {
        registration: 'ec231277-b27b-4c15-8291-d29225b2b8f7',
        contextActivities: {
          category: [
            { id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' },
            { id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' },
          ],
          grouping: [{ objectType: 'Activity', id: 'https://example.go.id/cmi5/courses/etika' }],
        },
        extensions: {
          'https://w3id.org/xapi/cmi5/context/extensions/sessionid': '458240298342',
          'https://w3id.org/xapi/cmi5/context/extensions/launchmode': 'Normal',
        },
      },
      timestamp: '2024-03-01T09:15:27.312Z',
    });
  });
});

describe('contextAgents and contextGroups', () => {
  const contextAgents = [
    {
      objectType: 'contextAgent',
      agent: { objectType: 'Agent', mbox: 'mailto:player-1@example.com' },
      relevantTypes: ['https://example.com/activity-types/personnel/player'],
    },
  ];
  const contextGroups = [
    {
      objectType: 'contextGroup',
      group: { objectType: 'Group', mbox: 'mailto:team-1@example.com' },
      relevantTypes: ['https://example.com/activity-types/team/a'],
    },
  ];

  it('are accepted in 2.0.0, relevantTypes optional (suite)', () => {
    expect(
      statementProblems(statement({ context: { contextAgents, contextGroups } }), '2.0.0'),
    ).toEqual([]);
    const withoutTypes = { objectType: 'contextAgent', agent: { mbox: 'mailto:p@example.com' } };
    expect(
      statementProblems(statement({ context: { contextAgents: [withoutTypes] } }), '2.0.0'),
    ).toEqual([]);
  });

  it('are unknown properties in 1.0.3', () => {
    expect(statementProblems(statement({ context: { contextAgents } }), '1.0.3')).toEqual([
      { path: 'context.contextAgents', rule: 'is not allowed' },
    ]);
  });

  it('check objectType, the actor and relevantTypes (suite)', () => {
    const problems = (context: Json) => statementProblems(statement({ context }), '2.0.0');
    const entry = contextAgents[0] as Json;
    expect(problems({ contextAgents: [{ ...entry, objectType: 'Should fail' }] })).toEqual([
      { path: 'context.contextAgents[0].objectType', rule: 'must be contextAgent' },
    ]);
    expect(problems({ contextAgents: [{ ...entry, relevantTypes: [] }] })).toEqual([
      { path: 'context.contextAgents[0].relevantTypes', rule: 'must not be empty' },
    ]);
    expect(problems({ contextAgents: [{ ...entry, relevantTypes: ['abc'] }] })).toEqual([
      { path: 'context.contextAgents[0].relevantTypes[0]', rule: 'must be an IRI' },
    ]);
    expect(problems({ contextAgents: [{ ...entry, agent: contextGroups[0]?.group }] })).toEqual([
      { path: 'context.contextAgents[0].agent.objectType', rule: 'must be Agent' },
    ]);
    expect(problems({ contextGroups: [{ ...contextGroups[0], group: { key: 'x' } }] })).toEqual([
      { path: 'context.contextGroups[0].group.objectType', rule: 'is required' },
    ]);
  });
});

describe('agentProblems', () => {
  it('accepts an Agent or an identified Group', () => {
    expect(agentProblems({ mbox: 'mailto:ana@example.com' }, 'agent', '1.0.3')).toEqual([]);
    expect(
      agentProblems({ objectType: 'Group', openid: 'http://g.example' }, 'agent', '2.0.0'),
    ).toEqual([]);
  });

  it('rejects anonymous Groups and malformed agents, with the given path', () => {
    expect(
      agentProblems(
        { objectType: 'Group', member: [{ mbox: 'mailto:a@example.com' }] },
        'agent',
        '2.0.0',
      ),
    ).toEqual([{ path: 'agent', rule: 'must be an Agent or an identified Group' }]);
    expect(agentProblems('wrong', 'agent', '1.0.3')).toEqual([
      { path: 'agent', rule: 'must be an object' },
    ]);
    expect(agentProblems({ mbox: 'ana@example.com' }, 'agent', '1.0.3')).toEqual([
      { path: 'agent.mbox', rule: 'must be a mailto IRI' },
    ]);
  });
});

describe('activityProblems', () => {
  it('checks an Activity on its own', () => {
    expect(activityProblems(activity, 'activity', '2.0.0')).toEqual([]);
    expect(activityProblems({ id: 'not.a.valid.iri.com/activity' }, 'activity', '2.0.0')).toEqual([
      { path: 'activity.id', rule: 'must be an IRI' },
    ]);
  });
});

describe('format helpers', () => {
  it('isValidIri wants a scheme and no characters IRIs forbid', () => {
    for (const iri of [
      'http://example.com/a?b=c#d',
      'urn:uuid:8f87ccde-bb56-4c2e-ab83-44982ef22df0',
      'x-custom:thing',
      'http://例え.jp/パス',
    ]) {
      expect(isValidIri(iri)).toBe(true);
    }
    for (const iri of [
      '',
      'ab=c://should.fail.com',
      'example.com/x',
      'http://a b',
      'http://x/%zz',
      'http:',
    ]) {
      expect(isValidIri(iri)).toBe(false);
    }
  });

  it('isValidUuid accepts any version of the RFC 4122 variant, in any case', () => {
    expect(isValidUuid('6690e6c9-3ef0-4ed3-8b37-7f3964730bee')).toBe(true);
    expect(isValidUuid('6690E6C9-3EF0-1ED3-AB37-7F3964730BEE')).toBe(true);
    expect(isValidUuid('MA97B177-9383-4934-8543-0F91A7A02836')).toBe(false);
    expect(isValidUuid('6690e6c9-3ef0-4ed3-cb37-7f3964730bee')).toBe(false);
    expect(isValidUuid('6690e6c93ef04ed38b377f3964730bee')).toBe(false);
  });

  it('isValidLanguageTag follows RFC 5646 well-formedness', () => {
    for (const tag of [
      'de',
      'de-DE',
      'zh-Hant',
      'sr-Latn-RS',
      'es-419',
      'cmn',
      'ase',
      'de-CH-1996',
      'x-private',
      'i-klingon',
      'en-a-bbb-x-a-ccc',
    ]) {
      expect(isValidLanguageTag(tag)).toBe(true);
    }
    for (const tag of ['', 'a12345678', 'something', 'en_US', 'en-', 'a12345']) {
      expect(isValidLanguageTag(tag)).toBe(false);
    }
  });

  it('isValidIsoDuration follows ISO 8601 4.4.3.2', () => {
    for (const d of ['PT1H0M0.1S', 'P3Y1M29DT4H35M59.14S', 'PT16559.14S', 'P3Y', 'P4W', 'P0D']) {
      expect(isValidIsoDuration(d)).toBe(true);
    }
    for (const d of ['', 'P', 'PT', 'P1DT', 'P4W1D', 'PA1H0M0S', '-P1D', '01:00:00']) {
      expect(isValidIsoDuration(d)).toBe(false);
    }
  });

  it('isValidTimestamp is ISO 8601 for 1.0.3 and RFC 3339 for 2.0.0', () => {
    expect(isValidTimestamp('2013-05-18T05:32:34', '1.0.3')).toBe(true);
    expect(isValidTimestamp('2013-05-18T05:32:34', '2.0.0')).toBe(false);
    expect(isValidTimestamp('2013-05-18T05:32:34.804+0530', '1.0.3')).toBe(true);
    expect(isValidTimestamp('2013-05-18T05:32:34.804+0530', '2.0.0')).toBe(false);
    expect(isValidTimestamp('2016-02-29T00:00:00Z', '2.0.0')).toBe(true);
    expect(isValidTimestamp('2015-02-29T00:00:00Z', '2.0.0')).toBe(false);
    expect(isValidTimestamp('2013-05-18T05:32:34.804-00:00', '2.0.0')).toBe(false);
  });
});
