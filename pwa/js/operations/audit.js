// The audit log (schema/audit.py), for supervisors and admins.
export default {
  auditLog: `query Audit($after: String, $filter: AuditLogFilter) {
    auditLog(first: 50, after: $after, filter: $filter) {
      pageInfo { hasNextPage endCursor }
      edges { node { id at action actorId actorName role targetType targetId outcome summary } } } }`,
};
