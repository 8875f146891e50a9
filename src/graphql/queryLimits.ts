// Validation rules that refuse, before anything runs, a query deeper or costlier than the
// configured limits. Cost: every field counts 1, times the page size (`first`, 20 when
// absent, 100 when a variable) of each paginated field it sits inside.
import {
  getNamedType,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  type GraphQLNamedType,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

const defaultPage = 20;
const maxPage = 100;

export function queryLimitRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION)
        fragments.set(definition.name.value, definition);
    }

    const schema = context.getSchema();

    /** Depth and cost of a selection set on `parent`, reached `multiplier` times. */
    const measure = (
      set: SelectionSetNode,
      parent: GraphQLNamedType | undefined,
      multiplier: number,
      seen: Set<string>,
    ): { depth: number; cost: number } => {
      let depth = 0;
      let cost = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          cost += multiplier;
          if (!selection.selectionSet) {
            depth = Math.max(depth, 1);
            continue;
          }
          const field =
            parent && (isObjectType(parent) || isInterfaceType(parent))
              ? parent.getFields()[selection.name.value]
              : undefined;
          const paginated = field?.args.some((argument) => argument.name === 'first') ?? false;
          const first = selection.arguments?.find((argument) => argument.name.value === 'first');
          const inner = measure(
            selection.selectionSet,
            field ? getNamedType(field.type) : undefined,
            multiplier * (paginated ? pageOf(first?.value) : 1),
            seen,
          );
          depth = Math.max(depth, inner.depth + 1);
          cost += inner.cost;
        } else {
          const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : undefined;
          const fragment =
            selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(name ?? '');
          if (fragment === undefined || (name !== undefined && seen.has(name))) continue;
          const typeName = fragment.typeCondition?.name.value;
          const inner = measure(
            fragment.selectionSet,
            typeName ? schema.getType(typeName) : parent,
            multiplier,
            name ? new Set([...seen, name]) : seen,
          );
          depth = Math.max(depth, inner.depth);
          cost += inner.cost;
        }
      }
      return { depth, cost };
    };

    return {
      OperationDefinition(operation) {
        const root =
          operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
        const { depth, cost } = measure(operation.selectionSet, root ?? undefined, 1, new Set());
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(
              `the query is ${depth} levels deep; at most ${limits.maxDepth} are served`,
              {
                nodes: [operation],
              },
            ),
          );
        } else if (cost > limits.maxCost) {
          context.reportError(
            new GraphQLError(
              `the query could touch ${cost} fields (page sizes multiplied); at most ${limits.maxCost} are served: ask for smaller pages`,
              { nodes: [operation] },
            ),
          );
        }
      },
    };
  };
}

/** The page a paginated field's `first` asks for. */
function pageOf(value: ValueNode | undefined): number {
  if (value === undefined) return defaultPage;
  if (value.kind === Kind.INT) return Math.min(Math.max(Number(value.value), 1), maxPage);
  return value.kind === Kind.VARIABLE ? maxPage : defaultPage;
}
