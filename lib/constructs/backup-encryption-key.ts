import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { PolicyJson } from '../policies/policy-json';
import { policyDocumentOf } from './policy-documents';

export interface BackupEncryptionKeyProps {
  /** What the key protects, shown in the KMS console. */
  readonly description: string;
  /** The alias, `alias/…`, created beside the key. */
  readonly aliasName: string;
  /** The complete key policy; nothing is added to it. */
  readonly policy: PolicyJson;
}

/**
 * A customer-managed key that encrypts one backup vault: yearly rotation, and retained with its
 * alias when the stack is deleted, because deleting it would destroy every backup it encrypts.
 *
 * It is a `kms.Key` itself and puts its alias beside it (`<id>Alias`) rather than below it, so
 * that construct paths, and so logical IDs, are those of the original app.
 */
export class BackupEncryptionKey extends kms.Key {
  readonly alias: kms.Alias;

  constructor(scope: Construct, id: string, props: BackupEncryptionKeyProps) {
    super(scope, id, {
      description: props.description,
      policy: policyDocumentOf(props.policy),
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.alias = new kms.Alias(scope, `${id}Alias`, {
      aliasName: props.aliasName,
      targetKey: this,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
