// The operations of screening campaigns (矛盾纠纷排查) and of a dispute's
// hand-offs: its source and deadlines, a refusal, a failure with the routes
// told, a police report, a court period extended, and the overdue list.
const UNIT = `orgUnit { id name } missing disputesFound highRiskFound
  report { id zeroReport villagesCovered late filedAt filedBy { displayName } disputes { id title riskLevel status } }`;
const CAMPAIGN = `id title kind focus startsOn endsOn reportDueOn startedAt orgUnit { name } startedBy { displayName }
  units { ${UNIT} }
  figures { units reported missing zeroReports disputesFound highRiskFound }`;
const DEADLINES = 'deadlines { courtDueOn normalEndOn remindOn dueOn overdue daysLeft extensions { fromOn toOn note recordedAt } }';
const SOURCE = 'source { kind referringBody referenceNumber receivedOn procedure }';

export default {
  screeningCampaigns: `query ScreeningCampaigns { screeningCampaigns(first: 50) { totalCount edges { node { ${CAMPAIGN} } } } }`,
  screeningCampaign: `query ScreeningCampaign($id: ID!) { screeningCampaign(id: $id) { ${CAMPAIGN} } }`,
  startScreeningCampaign: `mutation StartScreeningCampaign($input: StartScreeningCampaignInput!) {
    startScreeningCampaign(input: $input) { id } }`,
  fileScreeningReport: `mutation FileScreeningReport($input: ScreeningReportInput!) {
    fileScreeningReport(input: $input) { id } }`,
  overdueDisputes: `query OverdueDisputes { overdueDisputes(first: 100) { totalCount edges { node {
    id title referenceNumber status riskLevel orgUnit { name } mediator { displayName } ${SOURCE} ${DEADLINES} } } } }`,
  handoffs: `query Handoffs($id: ID!) { dispute(id: $id) {
    id title referenceNumber status parties { name role } ${SOURCE} ${DEADLINES}
    refusal { partyName refusedAt note } failure { failedAt routesTold note }
    policeReports { id reportedAt policeBody reference note } } }`,
  recordRefusal: `mutation RecordRefusal($input: RefusalInput!) { recordRefusal(input: $input) { id } }`,
  recordMediationFailure: `mutation RecordMediationFailure($input: MediationFailureInput!) {
    recordMediationFailure(input: $input) { id } }`,
  reportToPolice: `mutation ReportToPolice($input: PoliceReportInput!) { reportToPolice(input: $input) { id } }`,
  recordDeadlineExtension: `mutation RecordDeadlineExtension($input: DeadlineExtensionInput!) {
    recordDeadlineExtension(input: $input) { id } }`,
};
