// An administrator's accounts (schema/accounts/admin.py, schema/accounts/sessions.py).
const ACCOUNT = 'id username displayName role active twoStepEnabled openSessions orgUnit { id name }';

export default {
  accounts: `query Accounts($after: String, $filter: AccountsFilter) {
    accounts(first: 30, after: $after, filter: $filter) {
      pageInfo { hasNextPage endCursor } edges { node { ${ACCOUNT} } } } }`,
  units: 'query AccountUnits { orgUnits { id name kind } }',
  createUser: `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { id } }`,
  setActive: `mutation SetActive($u: ID!, $a: Boolean!) { setAccountActive(userId: $u, active: $a) { id } }`,
  endSessions: 'mutation EndSessions($u: ID!) { endAccountSessions(userId: $u) }',
  resetTwoStep: 'mutation ResetTwoStep($u: ID!) { resetTwoStep(userId: $u) { id } }',
};
