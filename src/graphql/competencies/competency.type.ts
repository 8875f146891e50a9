// Competencies and competency gaps as GraphQL types.
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../relay.js';

export enum CompetencyKindEnum {
  TEKNIS = 'TEKNIS',
  MANAJERIAL = 'MANAJERIAL',
  SOSIAL_KULTURAL = 'SOSIAL_KULTURAL',
}
registerEnumType(CompetencyKindEnum, { name: 'CompetencyKind' });

@ObjectType('Competency')
export class CompetencyType {
  @Field(() => ID)
  id!: string;

  @Field(() => CompetencyKindEnum)
  kind!: CompetencyKindEnum;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;
}

@ObjectType('CompetencyGap', { description: 'What a training needs analysis (TNA) found.' })
export class CompetencyGapType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Set for the gap of a position.' })
  position!: string | null;

  @Field(() => Int)
  currentLevel!: number;

  @Field(() => Int)
  requiredLevel!: number;

  @Field(() => Int, { description: 'requiredLevel − currentLevel (0 when met).' })
  gap!: number;

  @Field(() => GraphQLLocalDate)
  assessedOn!: string;

  competencyId!: string;
  personId!: string | null;
}

export const CompetencyConnection = connectionType(CompetencyType, 'Competency');
export const CompetencyGapConnection = connectionType(CompetencyGapType, 'CompetencyGap');
