/**
 * AWS Control Tower's proactive control CT.KMS.PR.3 ("Require an AWS KMS key policy to have a
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
