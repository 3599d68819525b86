// The operations of leave (外出, 迁居) and of violations, sanctions and praise
// (考核奖惩), sent by pwa/js/screens/leave.js only.
const LEAVE = `id clientId kind startsOn endsOn destination reason days windowDays level status
  decisionNote approvingBody returnedAt returnLate`;
const VIOLATION = 'id kind occurredOn facts days byApp suggestedMeasure suggestionBasis sanctionId';
const SANCTION = `id measure suggestedMeasure overrideReason facts status proposedAt decidedOn
  decisionNote decisionUrl revocationProposalId`;
const PAGE = 50;

export default {
  myLeave: `query { leaveRequests(first: ${PAGE}) { totalCount edges { node { ${LEAVE} } } } }`,
  requestLeave: `mutation($input: RequestLeaveInput!) { requestLeave(input: $input) { ${LEAVE} } }`,
  reportReturn: `mutation($input: ReportReturnInput!) { reportReturn(input: $input) { ${LEAVE} } }`,
  pendingLeave: `query($after: String) { leaveRequests(status: PENDING, first: 25, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${LEAVE} person { id fullName } } } } }`,
  personRecord: `query($id: ID!) {
    leaveRequests(personId: $id, first: ${PAGE}) { totalCount edges { node { ${LEAVE} evidencePhoto } } }
    violations(personId: $id, first: ${PAGE}) { totalCount edges { node { ${VIOLATION} } } }
    sanctions(personId: $id, first: ${PAGE}) { totalCount edges { node { ${SANCTION} } } }
    praises(personId: $id, first: ${PAGE}) { totalCount edges { node { id praisedOn facts } } } }`,
  decideLeave: `mutation($input: DecideLeaveInput!) { decideLeave(input: $input) { ${LEAVE} } }`,
  recordViolation: `mutation($input: RecordViolationInput!) { recordViolation(input: $input) { ${VIOLATION} } }`,
  proposeSanction: `mutation($input: ProposeSanctionInput!) { proposeSanction(input: $input) { ${SANCTION} } }`,
  decideSanction: `mutation($input: DecideSanctionInput!) { decideSanction(input: $input) { ${SANCTION} } }`,
  recordPraise: `mutation($id: ID!, $on: Date!, $facts: String!) {
    recordPraise(personId: $id, praisedOn: $on, facts: $facts) { id praisedOn facts } }`,
};
