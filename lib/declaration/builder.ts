import type { z } from 'zod';
import { toModel } from './parse';
import { FORMAT_VERSION, type declarationSchema } from './schema';
import type { Model } from '../model/workload';

/** A declaration as written in TypeScript: the same shape and field names as the YAML/JSON format. */
export type DeclarationInput = z.input<typeof declarationSchema>;
export type AccountInput = DeclarationInput['accounts'][string];
export type WorkloadInput = DeclarationInput['workloads'][number];

/**
 * Typed builder for declarations in TypeScript. `build()` validates through the same schema as files, so a
 * builder and a YAML file with the same content produce the same Model.
 *
 * @example
 * const model = new DeclarationBuilder()
 *   .account('aws-prod', { cloud: 'aws', accountId: '111122223333' })
 *   .workload({ name: 'web-deploy', identities: [{ github: { repository: 'acme/web', environment: 'production' } }],
 *               grants: { 'aws-prod': [{ resource: 'arn:aws:s3:::acme-web', access: 'read' }] } })
 *   .build();
 */
export class DeclarationBuilder {
  private readonly accounts: Record<string, AccountInput> = {};
  private readonly workloads: WorkloadInput[] = [];

  /** Adds an account under `key`, the name grants refer to. */
  public account(key: string, account: AccountInput): this {
    this.accounts[key] = account;
    return this;
  }

  public workload(workload: WorkloadInput): this {
    this.workloads.push(workload);
    return this;
  }

  /** The declaration object, as it would be written in a JSON file. */
  public toDeclaration(): DeclarationInput {
    return { version: FORMAT_VERSION, accounts: { ...this.accounts }, workloads: [...this.workloads] };
  }

  /** Validates and returns the Model; throws a DeclarationError listing every problem. */
  public build(): Model {
    return toModel(this.toDeclaration());
  }
}
