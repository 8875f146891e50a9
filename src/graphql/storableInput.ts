// Text PostgreSQL cannot store (NUL characters, unpaired UTF-16 surrogates) is refused for
// the whole request before anything runs, in the query's own string literals and in its
// variables, as BAD_USER_INPUT. Otherwise such a title or search text would fail its query:
// a server error for a client's mistake.
import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';
import { isStorableText, unstorableJson } from '../xapi/statements/storableJson.js';

const rule = 'must not contain NUL characters or unpaired surrogates';

function refuse(message: string): never {
  throw new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

function hasUnstorableLiteral(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (isStorableText(node.value)) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

export function storableInputPlugin<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          if (hasUnstorableLiteral(document)) refuse(`a string of the query ${rule}`);
          const problem = unstorableJson(request.variables ?? {});
          if (problem !== undefined) refuse(`variables.${problem.path}: ${problem.rule}`);
        },
      };
    },
  };
}
