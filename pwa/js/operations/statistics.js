// The GraphQL operations of the monthly report screen (月报).
const REPORT = `month frozen version sha256 orgUnit { id name }
  columns { key area areaLabel label } rows { unitName own values orgUnit { id } } total
  versions { version sha256 reason submittedAt submittedBy { displayName } }`;

export default {
  monthlyReport: `query MonthlyReport($unitId: ID!, $month: String!) {
    monthlyReport(unitId: $unitId, month: $month) { ${REPORT} } }`,
  monthlyReports: `query MonthlyReports($unitId: ID!, $fromMonth: String!, $toMonth: String!) {
    monthlyReports(unitId: $unitId, fromMonth: $fromMonth, toMonth: $toMonth) { month frozen columns { key } total } }`,
  submitMonthlyReport: `mutation SubmitMonthlyReport($unitId: ID!, $month: String!, $reason: String) {
    submitMonthlyReport(unitId: $unitId, month: $month, reason: $reason) { ${REPORT} } }`,
  units: 'query ReportUnits { orgUnits { id name kind parent { id } } }',
};
