// One's own account: password and sessions (schema/accounts/admin.py, sessions.py).
export default {
  changePassword: `mutation ChangePassword($c: String!, $n: String!) {
    changePassword(currentPassword: $c, newPassword: $n) }`,
  mySessions: 'query MySessions { mySessions { id createdAt lastSeenAt userAgent ip current } }',
  revokeSession: 'mutation RevokeSession($id: ID!) { revokeSession(id: $id) }',
};
