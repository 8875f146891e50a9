// Inputs of the SIASN mutations.
import { Field, InputType } from 'type-graphql';

@InputType()
export class ConfigureSiasnInput {
  @Field(() => String, {
    description: 'SIASN API base URL; records go to <baseUrl>/kursus/save and /diklat/save.',
  })
  baseUrl!: string;

  @Field(() => String, {
    description: "The agency's OAuth client-credentials access token (sent as `Auth: bearer`).",
  })
  clientToken!: string;

  @Field(() => String, {
    description: "The operator's SSO token (sent as `Authorization: Bearer`).",
  })
  ssoToken!: string;
}
