/**
 * AWS Control Tower's proactive controls that apply to this stack, as their published guard rules
 * state them.
 *
 * CT.KMS.PR.3 ("Require an AWS KMS key policy to have a
 * statement that limits creation of AWS KMS grants to AWS services"), as its published guard rule
 * states it: some statement has Effect Deny, Action kms:CreateGrant (alone), Principal "*" or
 * {"AWS": "*"}, Resource "*", and a Condition with only BoolIfExists, holding only
 * kms:GrantIsForAWSResource and aws:PrincipalIsAWSService, both "false" (keys case-insensitive).
 */
type Json = unknown;

const list = (value: Json): Json[] => (Array.isArray(value) ? value : [value]);
const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function limitsGrantsToAwsServices(statement: Json): boolean {
  if (!isObject(statement)) return false;
  const { Effect, Action, Principal, Resource, Condition } = statement;
  if ([Effect, Action, Principal, Resource, Condition].some((v) => v === undefined)) return false;
  if (Effect !== 'Deny') return false;
  if (!list(Action).every((a) => a === 'kms:CreateGrant')) return false;
  if (!(Principal === '*' || (isObject(Principal) && Principal.AWS === '*'))) return false;
  if (!list(Resource).every((r) => r === '*')) return false;
  if (!isObject(Condition) || Object.keys(Condition).join() !== 'BoolIfExists') return false;
  const bool = Condition.BoolIfExists;
  if (!isObject(bool)) return false;
  const keys = Object.keys(bool).map((k) => k.toLowerCase());
  const value = (key: string) => Object.entries(bool).find(([k]) => k.toLowerCase() === key)?.[1];
  return (
    keys.every((k) => k === 'kms:grantisforawsresource' || k === 'aws:principalisawsservice') &&
    value('kms:grantisforawsresource') === 'false' &&
    value('aws:principalisawsservice') === 'false'
  );
}

/** Whether a key policy passes CT.KMS.PR.3. */
export function passesCtKmsPr3(keyPolicy: Json): boolean {
  if (!isObject(keyPolicy) || !Array.isArray(keyPolicy.Statement) || keyPolicy.Statement.length === 0)
    return false;
  return keyPolicy.Statement.some(limitsGrantsToAwsServices);
}

/**
 * CT.SQS.PR.1 ("Require any Amazon SQS queue to have a dead-letter queue configured"), as its guard
 * rule `sqs_dlq_check` states it. A queue is exempt (SKIP) when it declares itself a dead-letter queue:
 * a `RedriveAllowPolicy` object whose `redrivePermission` is `allowAll` or `byQueue`; the rule only
 * checks a queue without `RedriveAllowPolicy`, or with an object one whose `redrivePermission` is any
 * other value (`denyAll`). A checked queue passes with a `RedrivePolicy` object whose
 * `deadLetterTargetArn` is a non-blank string, or a `Ref` / `Fn::GetAtt` of an `AWS::SQS::Queue` of
 * the template.
 */
export type CtSqsPr1Result = 'PASS' | 'SKIP' | 'FAIL';

const DLQ_REDRIVE_PERMISSIONS = ['allowAll', 'byQueue'];

function isQueueOf(template: Record<string, Json>, reference: Json): boolean {
  if (!isObject(reference)) return false;
  const getAtt = reference['Fn::GetAtt'];
  const id = Array.isArray(getAtt) ? getAtt[0] : reference.Ref;
  const resources = isObject(template.Resources) ? template.Resources : {};
  const resource = typeof id === 'string' ? resources[id] : undefined;
  return isObject(resource) && resource.Type === 'AWS::SQS::Queue';
}

/** CT.SQS.PR.1's verdict on one `AWS::SQS::Queue` of a template. */
export function ctSqsPr1(template: Record<string, Json>, queueProperties: Json): CtSqsPr1Result {
  const properties = isObject(queueProperties) ? queueProperties : {};
  const allow = properties.RedriveAllowPolicy;
  const checked =
    allow === undefined ||
    (isObject(allow) &&
      allow.redrivePermission !== undefined &&
      !DLQ_REDRIVE_PERMISSIONS.includes(allow.redrivePermission as string));
  if (!checked) return 'SKIP';
  const redrive = properties.RedrivePolicy;
  if (!isObject(redrive) || redrive.deadLetterTargetArn === undefined) return 'FAIL';
  const target = redrive.deadLetterTargetArn;
  if (typeof target === 'string') return /^\s*$/.test(target) ? 'FAIL' : 'PASS';
  return isQueueOf(template, target) ? 'PASS' : 'FAIL';
}
