// The GraphQL operations of the resettlement screens (安置帮教).
const RECORD = `id fullName idNumberMasked phone source prison offence prisonRiskAssessment riskGrade status
  noticeReceivedOn noticeDaysAhead noticeLate expectedReleaseOn releasedOn assistanceEndsOn inAssistance
  receivedOn notArrivedOn lostContactDueAt lostContactAlertedAt nextContactDueOn contactOverdue hasAccount
  orgUnit { id name } officer { id displayName }`;

export default {
  resettlementRecords: `query ResettlementRecords($after: String, $status: ResettlementStatus) {
    resettlementRecords(first: 25, after: $after, status: $status) { totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id fullName status riskGrade expectedReleaseOn noticeLate contactOverdue
        nextContactDueOn lostContactAlertedAt assistanceEndsOn orgUnit { id name } } } } }`,
  resettlementRecord: `query ResettlementRecord($id: ID!) { resettlementRecord(id: $id) { ${RECORD}
    receptions { id met on metBy place pickedUp note }
    contacts { id on method note } help { id kind on description }
    contactRequests { id message sentAt } } }`,
  issueResettlementAccountCode: `mutation IssueResettlementAccountCode($id: ID!) {
    issueResettlementAccountCode(id: $id, personRequested: true) { activationCode expiresAt
      record { id hasAccount } } }`,
  endResettlementAccount: `mutation EndResettlementAccount($id: ID!) {
    endResettlementAccount(id: $id) { id hasAccount } }`,
  myResettlement: `query MyResettlement { myResettlement { officeName officePhone assistanceEndsOn
    help { id kind on description } contactRequests { id message sentAt } } }`,
  sendResettlementContactRequest: `mutation SendResettlementContactRequest($input: ResettlementContactRequestInput!) {
    sendResettlementContactRequest(input: $input) { id message sentAt } }`,
  registerReleaseNotice: `mutation RegisterReleaseNotice($input: RegisterReleaseNoticeInput!) {
    registerReleaseNotice(input: $input) { id noticeLate noticeDaysAhead } }`,
  recordReception: `mutation RecordReception($input: RecordReceptionInput!) {
    recordReception(input: $input) { id met on } }`,
  recordResettlementContact: `mutation RecordResettlementContact($input: ResettlementContactInput!) {
    recordResettlementContact(input: $input) { id on } }`,
  recordResettlementHelp: `mutation RecordResettlementHelp($input: ResettlementHelpInput!) {
    recordResettlementHelp(input: $input) { id kind on } }`,
  openResettlementFromSupervision: `mutation OpenResettlement($personId: ID!, $riskGrade: RiskLevel!) {
    openResettlementFromSupervision(personId: $personId, riskGrade: $riskGrade) { id } }`,
  releasedPerson: `query ReleasedPerson($id: ID!) { supervisedPerson(id: $id) {
    id fullName idNumberMasked status orgUnit { id name } } }`,
  offices: 'query Offices { orgUnits { id name kind } }',
};
