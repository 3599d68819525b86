// The GraphQL operations of the care screens (education, help, the monthly
// report, the check-in's questions and electronic positioning): only these
// screens send them; the outbox keeps each write's text for the service worker.
const REPORT = 'id clientId month body capturedAt reply repliedAt repliedBy { displayName }';
const MONITORING = `id ground facts state startsOn endsOn latestRenewalEnd endedOn endReason approvalDocument
  approvedOn approvedBy { displayName } renewals { endsOn approvedOn approvalDocument }`;

const HELP = 'id kind helpedOn helper description outcome recordedBy { displayName }';

export default {
  educationMonth: `query EducationMonth($month: String) { educationMonth(month: $month) {
    month hoursDone hoursExpected
    tasks { attended hours heldOn activity { id kind title heldOn hours } } } }`,
  myThoughtReports: `query MyThoughtReports { thoughtReports(first: 12) { edges { node { ${REPORT} } } } }`,
  submitMonthlyThoughtReport: `mutation SubmitMonthlyThoughtReport($input: ThoughtReportInput!) {
    submitMonthlyThoughtReport(input: $input) { ${REPORT} } }`,
  careOverview: `query CareOverview { wellbeingTriage(first: 50) { totalCount edges { node {
      id mood changes changeDetails message capturedAt person { id fullName } } } }
    thoughtReports(unanswered: true, first: 50) { totalCount edges { node { ${REPORT} person { id fullName } } } }
    electronicMonitoring(inForceOnly: true, first: 50) { totalCount edges { node {
      id ground endsOn person { id fullName } } } } }`,
  acknowledgeWellbeing: `mutation AcknowledgeWellbeing($id: ID!) { acknowledgeWellbeing(id: $id) { id acknowledgedAt } }`,
  replyToThoughtReport: `mutation ReplyToThoughtReport($id: ID!, $reply: String!) {
    replyToThoughtReport(id: $id, reply: $reply) { ${REPORT} } }`,
  personMonitoring: `query PersonMonitoring($id: ID!) {
    supervisedPerson(id: $id) { id fullName termStart termEnd }
    electronicMonitoring(personId: $id, first: 50) { edges { node { ${MONITORING} } } }
    electronicMonitoringApprovers(personId: $id) { id displayName } }`,
  startElectronicMonitoring: `mutation StartElectronicMonitoring($input: StartElectronicMonitoringInput!) {
    startElectronicMonitoring(input: $input) { ${MONITORING} } }`,
  renewElectronicMonitoring: `mutation RenewElectronicMonitoring($input: RenewElectronicMonitoringInput!) {
    renewElectronicMonitoring(input: $input) { ${MONITORING} } }`,
  endElectronicMonitoring: `mutation EndElectronicMonitoring($id: ID!, $endedOn: Date!, $reason: String!) {
    endElectronicMonitoring(id: $id, endedOn: $endedOn, reason: $reason) { ${MONITORING} } }`,
  personHelp: `query PersonHelp($id: ID!) { supervisedPerson(id: $id) { id fullName
    helpRecords { ${HELP} } } }`,
  recordHelp: `mutation RecordHelp($input: RecordHelpInput!) { recordHelp(input: $input) { ${HELP} } }`,
  sessions: `query Sessions($month: String) {
    activities(month: $month, first: 50) { totalCount edges { node { id kind title heldOn hours forMinors
      attendance { attended hours person { id fullName } } } } }
    supervisedPersons(first: 100, filter: {status: ACTIVE}) { edges { node { id fullName minorAtStart orgUnit { id } } } } }`,
  recordActivity: `mutation RecordActivity($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`,
  recordAttendance: `mutation RecordAttendance($activityId: ID!, $personId: ID!, $attended: Boolean!) {
    recordAttendance(activityId: $activityId, personId: $personId, attended: $attended) { attended hours } }`,
};
