import {
  canonicalText,
  parsePolicy,
  PolicyFormatError,
  type PolicyJson,
  policyHash,
  samePolicy,
  statement,
  textHash,
} from '../../lib/policies/policy-json';

const policy: PolicyJson = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'B',
      Effect: 'Deny',
      Principal: '*',
      Action: ['kms:Decrypt', 'kms:CreateGrant'],
      Resource: '*',
      Condition: { Null: { 'kms:ViaService': 'true' } },
    },
    {
      Sid: 'A',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::000011112222:root' },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
};

/** The same meaning as a service may return it: other key order, statement order, list forms. */
const reformatted = parsePolicy(
  JSON.stringify({
    Statement: [
      {
        Resource: ['*'],
        Action: 'kms:*',
        Principal: { AWS: ['arn:aws:iam::000011112222:root'] },
        Effect: 'Allow',
        Sid: 'A',
      },
      {
        Condition: { Null: { 'kms:ViaService': ['true'] } },
        Resource: '*',
        Action: ['kms:CreateGrant', 'kms:Decrypt'],
        Principal: { AWS: '*' },
        Effect: 'Deny',
        Sid: 'B',
      },
    ],
    Version: '2012-10-17',
  }),
);

test('a reformatted policy means the same, has the same canonical text and the same hash', () => {
  expect(samePolicy(policy, reformatted)).toBe(true);
  expect(canonicalText(reformatted)).toBe(canonicalText(policy));
  expect(policyHash(reformatted)).toBe(policyHash(policy));
  expect(textHash(JSON.stringify(policy))).toBe(policyHash(policy));
});

test('canonical text sorts keys at every level and statements by Sid', () => {
  expect(canonicalText(policy)).toBe(
    '{"Statement":[{"Action":["kms:*"],"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::000011112222:root"]},"Resource":["*"],"Sid":"A"},' +
      '{"Action":["kms:CreateGrant","kms:Decrypt"],"Condition":{"Null":{"kms:ViaService":["true"]}},"Effect":"Deny","Principal":{"AWS":["*"]},"Resource":["*"],"Sid":"B"}],"Version":"2012-10-17"}',
  );
});

test('a changed action, condition value or effect is a different policy with a different hash', () => {
  const changes: PolicyJson[] = [
    { ...policy, Statement: [{ ...policy.Statement[0], Action: 'kms:Decrypt' }, policy.Statement[1]] },
    {
      ...policy,
      Statement: [
        { ...policy.Statement[0], Condition: { Null: { 'kms:ViaService': 'false' } } },
        policy.Statement[1],
      ],
    },
    { ...policy, Statement: [policy.Statement[0], { ...policy.Statement[1], Effect: 'Deny' }] },
  ];
  for (const changed of changes) {
    expect(samePolicy(changed, policy)).toBe(false);
    expect(policyHash(changed)).not.toBe(policyHash(policy));
  }
});

test('the hash is the SHA-256 of the canonical text; no policy has none', () => {
  expect(policyHash(policy)).toMatch(/^[0-9a-f]{64}$/);
  expect(policyHash(undefined)).toBeNull();
  expect(textHash(undefined)).toBeNull();
  expect(textHash('not json')).toMatch(/^[0-9a-f]{64}$/);
});

test('parsePolicy accepts one statement object and refuses what is not a policy', () => {
  expect(parsePolicy('{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}').Statement).toHaveLength(
    1,
  );
  expect(() => parsePolicy('nope')).toThrow(PolicyFormatError);
  expect(() => parsePolicy('[]')).toThrow('not a JSON object');
  expect(() => parsePolicy('{"Statement":[{"Action":"*"}]}')).toThrow('with an Effect');
  expect(() => parsePolicy('{"Statement":[{"Effect":"Maybe"}]}')).toThrow('with an Effect');
});

test('statement gives the template form: its element order, one value alone, no repeats', () => {
  const formed = statement({
    Sid: 'S',
    Effect: 'Allow',
    Principal: { AWS: ['arn:aws:iam::000011112222:root', 'arn:aws:iam::000011112222:root'] },
    Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:Decrypt'],
    Resource: ['*'],
    Condition: { StringEquals: { 'kms:ViaService': ['backup.us-west-2.amazonaws.com'] } },
  });
  expect(JSON.stringify(formed)).toBe(
    JSON.stringify({
      Action: ['kms:Decrypt', 'kms:Encrypt'],
      // Condition values are kept as written: a list of one stays a list.
      Condition: { StringEquals: { 'kms:ViaService': ['backup.us-west-2.amazonaws.com'] } },
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::000011112222:root' },
      Resource: '*',
      Sid: 'S',
    }),
  );
  expect(statement({ Effect: 'Deny', Principal: '*', NotAction: 'kms:*', NotResource: ['a', 'b'] })).toEqual({
    NotAction: 'kms:*',
    Effect: 'Deny',
    Principal: '*',
    NotResource: ['a', 'b'],
  });
});
