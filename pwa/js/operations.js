/*
 * Every GraphQL operation the app sends, in one place: the screens, push.js
 * and the service worker take them from here (never from each other).
 *
 * Like core.js, this file has no import/export: the page loads it as a
 * module (through api.js, which exports it as OPS) and the service worker
 * with importScripts(). It publishes one global, SifasuoOps.
 */
(() => {
  const VIEWER = 'viewer { id username displayName role locale orgUnit { id name kind } }';
  const SESSION = `token expiresAt mfaEnrolmentRequired ${VIEWER}`;

  // ------------------------------------------------------------ corrections
  const CASELOAD_PAGE = 25; // the officer's list, a page at a time in the server's order
  const CHECKIN = 'id kind capturedAt receivedAt late status note reviewNote location { latitude longitude accuracyMeters }';
  const STAFF_CHECKIN = `${CHECKIN} recordedBy { displayName } reviewedBy { displayName }
    identity { verdict inReview reason distance photoDeletedAt }
    place { distanceMeters distanceFrom limitMeters far inReview reason }`;
  const SUPERVISION_END = `id outcome releaseGround terminationReason groundDocument endedOn note
    certificateNumber certificateUrl notices { recipient name sentOn method }`;
  const PROPOSAL = 'id kind facts decidingBody decidingBodyType proposedOn receivedOn rulingDueOn decided overdue';
  const RULING = 'id kind decision decidingBody documentNumber decidedOn overdue withoutProposal proposalId';

  // ------------------------------------------------------------ legal aid
  const AID_ROW = `id clientId referenceNumber applicantName matter status urgent submittedAt decisionDueAt limitationDeadline
    assignee { displayName } eligibility { eligible exempt }`;
  const AID_FULL = `id clientId referenceNumber applicantName applicantPhone applicantIdNumberMasked matter specialGroups description
    householdSize monthlyHouseholdIncome status urgent limitationDeadline deadlinePassed orgUnit { id name } submittedAt decisionDueAt decidedAt decisionReason
    assignee { id displayName }
    eligibility { eligible exempt monthlyIncomePerCapita threshold reason }
    history { from to at by { displayName } note }`;
  const AID_RESULT = 'id status decidedAt decisionReason assignee { displayName }';

  globalThis.SifasuoOps = Object.freeze({
    // accounts and sessions
    viewer: `query Viewer { ${VIEWER} }`,
    login: `mutation Login($u: String!, $p: String!, $o: String) { login(username: $u, password: $p, otp: $o) { ${SESSION} } }`,
    activate: `mutation Activate($c: String!, $u: String!, $p: String!) { activateAccount(code: $c, username: $u, password: $p) { ${SESSION} } }`,
    signUp: `mutation SignUp($input: SignUpApplicantInput!) { signUpApplicant(input: $input) { ${SESSION} } }`,
    beginTotp: 'mutation BeginTotp { beginTotpEnrolment { secret otpauthUri } }',
    confirmTotp: 'mutation ConfirmTotp($c: String!) { confirmTotpEnrolment(code: $c) }',
    logout: 'mutation Logout { logout }',
    orgUnits: 'query Units { orgUnits { id name kind } }',
    orgUnitTree: 'query UnitTree { orgUnits { id name kind parent { id } } }',

    // reminders
    vapidKey: 'query Vapid { vapidPublicKey }',
    registerPush:
      'mutation RegisterPush($input: PushSubscriptionInput!) { registerPushSubscription(input: $input) { id endpoint } }',
    unregisterPush: 'mutation UnregisterPush($endpoint: String!) { unregisterPushSubscription(endpoint: $endpoint) }',

    // community corrections
    CASELOAD_PAGE,
    me: `query Me { supervisedPersons(first: 1) { edges { node {
      id fullName status supervisionLevel correctionType termStart termEnd nextCheckInDue overdue
      checkInPlan { intervalDays graceHours } officer { displayName } officerPhone
      supervisionEnd { outcome endedOn certificateNumber certificateUrl }
      checkIns(first: 20) { edges { node { clientId ${CHECKIN} } } } } } } }`,
    submitCheckIn:
      'mutation SubmitCheckIn($input: CheckInInput!) { submitCheckIn(input: $input) { id clientId kind capturedAt receivedAt late status } }',
    caseload: `query Caseload($filter: SupervisedPersonFilter, $after: String) {
      supervisedPersons(first: ${CASELOAD_PAGE}, after: $after, filter: $filter) {
        totalCount abscondedCount overdueCount pageInfo { hasNextPage endCursor }
        edges { node { id fullName idNumberMasked minorAtStart status supervisionLevel correctionType nextCheckInDue overdue
          orgUnit { id name } lastCheckIn { capturedAt status } } } } }`,
    person: `query Person($id: ID!) { supervisedPerson(id: $id) {
      id fullName idNumberMasked phone correctionType supervisionLevel status termStart termEnd
      orgUnit { id name } officer { id displayName } checkInPlan { intervalDays graceHours }
      nextCheckInDue overdue account { id username } residenceLocation { latitude longitude }
      supervisionEnd { ${SUPERVISION_END} }
      revocationProposals { ${PROPOSAL} } courtRulings { ${RULING} }
      minorAtStart minorDetails { guardianName guardianRelation guardianPhone school }
      searchRecord { id lostContactAt absenceDays policeNotifiedAt procuratorateInformedAt
        actions { id doneAt description policeNotified procuratorateInformed doneBy { displayName } } }
      searchRecords { id lostContactAt foundOn absenceDays open }
      checkIns(first: 30) { totalCount edges { node { ${STAFF_CHECKIN} } } } } }`,
    releasePerson: `mutation Release($input: ReleasePersonInput!) { releasePerson(input: $input) { ${SUPERVISION_END} } }`,
    terminateSupervision: `mutation Terminate($input: TerminateSupervisionInput!) {
      terminateSupervision(input: $input) { ${SUPERVISION_END} } }`,
    proposeRevocation: `mutation Propose($input: ProposeRevocationInput!) { proposeRevocation(input: $input) { ${PROPOSAL} } }`,
    recordCourtRuling: `mutation Ruling($input: RecordCourtRulingInput!) { recordCourtRuling(input: $input) { ${RULING} } }`,
    personsDueForRelease: `query DueForRelease($w: Int) { personsDueForRelease(first: 50, withinDays: $w) {
      totalCount edges { node { id fullName status termEnd orgUnit { id name } } } } }`,
    pendingCheckIns: `query Pending($first: Int!, $after: String) { pendingCheckIns(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { ${STAFF_CHECKIN} person { id fullName } } } } }`,
    reviewCheckIn: `mutation Review($id: ID!, $status: CheckInStatus!, $note: String) {
      reviewCheckIn(id: $id, status: $status, note: $note) { id status reviewNote } }`,
    reviewCheckIns: `mutation ReviewAll($ids: [ID!]!, $status: CheckInStatus!, $note: String) {
      reviewCheckIns(ids: $ids, status: $status, note: $note) { id status } }`,
    setCheckInPlan:
      'mutation Plan($id: ID!, $i: Int!, $g: Int!) { setCheckInPlan(personId: $id, intervalDays: $i, graceHours: $g) { id checkInPlan { intervalDays graceHours } nextCheckInDue } }',
    setSupervisionStatus:
      'mutation Status($id: ID!, $s: SupervisionStatus!, $n: String!) { setSupervisionStatus(personId: $id, status: $s, note: $n) { id status } }',
    logSearchAction: `mutation LogSearch($input: SearchActionInput!) { logSearchAction(input: $input) {
      id doneAt description policeNotified procuratorateInformed } }`,
    reissueActivationCode: 'mutation Reissue($id: ID!) { reissueActivationCode(personId: $id) }',
    // intake (入矫): nearest deadline first; the form reads an intake from the cached list
    pendingIntakes: `query PendingIntakes($after: String) { pendingIntakes(first: ${CASELOAD_PAGE}, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id decidingBodyType decidingBody documentNumber effectiveOn reportDueOn missed documentsReceivedAt
        person { id fullName correctionType } } } } }`,
    confirmIntake: `mutation ConfirmIntake($input: ConfirmIntakeInput!) { confirmIntake(input: $input) {
      id activationCode intake { id missed confirmation { late arrivedAt } } person { id fullName status nextCheckInDue } } }`,
    // the grade intervals an enrolment in the office takes today (the enrol form's hint)
    checkInIntervalsInForce:
      'query Intervals($unit: ID!) { checkInIntervalsInForce(orgUnitId: $unit) { strictDays normalDays lenientDays } }',
    enrollPerson:
      'mutation Enrol($input: EnrollPersonInput!) { enrollPerson(input: $input) { activationCode person { id fullName idNumberMasked } } }',

    // mediation
    disputes: `query Disputes($filter: DisputeFilter) { disputes(first: 100, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id referenceNumber title category riskLevel status registeredAt nextFollowUpAt
        parties { name role } mediator { displayName } } } } }`,
    dispute: `query Dispute($id: ID!) { dispute(id: $id) {
      id referenceNumber title category description riskLevel status registeredAt nextFollowUpAt judicialConfirmationDueAt
      parties { name role phone } orgUnit { id name } mediator { id displayName }
      visits(first: 50) { totalCount edges { node { id visitedAt receivedAt participants summary outcome nextFollowUpAt
        mediator { displayName } location { latitude longitude accuracyMeters } } } } } }`,
    registerDispute:
      'mutation RegisterDispute($input: RegisterDisputeInput!) { registerDispute(input: $input) { id referenceNumber title } }',
    logMediationVisit:
      'mutation LogVisit($input: MediationVisitInput!) { logMediationVisit(input: $input) { id clientId visitedAt outcome nextFollowUpAt } }',
    setDisputeStatus:
      'mutation DisputeStatus($id: ID!, $s: DisputeStatus!, $n: String) { setDisputeStatus(id: $id, status: $s, note: $n) { id status } }',

    // legal aid
    legalAidRequests: `query Requests($filter: LegalAidRequestFilter) { legalAidRequests(first: 100, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { ${AID_ROW} } } } }`,
    legalAidRequest: `query Request($id: ID!) { legalAidRequest(id: $id) { ${AID_FULL} } }`,
    submitLegalAidRequest: `mutation SubmitLegalAid($input: LegalAidRequestInput!) { submitLegalAidRequest(input: $input) {
      id clientId referenceNumber status decisionDueAt eligibility { eligible exempt reason } } }`,
    legalAidCenters: 'query Centres { legalAidCenters { id name } }',
    assignableLawyers: 'query Lawyers { assignableLawyers { id displayName } }',
    decideLegalAidRequest: `mutation Decide($id: ID!, $a: Boolean!, $r: String!) { decideLegalAidRequest(id: $id, approve: $a, reason: $r) { ${AID_RESULT} } }`,
    assignLegalAidRequest: `mutation Assign($id: ID!, $a: ID!) { assignLegalAidRequest(id: $id, assigneeId: $a) { ${AID_RESULT} } }`,
    closeLegalAidRequest: `mutation Close($id: ID!, $n: String!) { closeLegalAidRequest(id: $id, note: $n) { ${AID_RESULT} } }`,
    withdrawLegalAidRequest: `mutation Withdraw($id: ID!) { withdrawLegalAidRequest(id: $id) { ${AID_RESULT} } }`,

    // supervision
    dashboard: `query Dashboard($unit: ID) { dashboard(orgUnitId: $unit) {
      activePersons overduePersons abscondedPersons checkInsLast30Days onTimeRateLast30Days
      openDisputes highRiskDisputes disputesResolvedLast30Days
      pendingLegalAidRequests legalAidDecisionsOverdue personsListed disputesListed legalAidRequestsListed } }`,
  });
})();
