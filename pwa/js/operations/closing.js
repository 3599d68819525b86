// The GraphQL operations of ended legal-aid cases: closing materials
// (法律援助法 Art. 50), subsidies (Art. 52) and quality (Art. 57-59).
const CLOSING = `requestId referenceNumber endedOn endNote materialsDueOn materialsSubmittedAt
  materialsLate materialsOverdue assignee { displayName }
  subsidy { status caseType stage amount tableEffectiveFrom approvedAt paidAt paymentReference }
  returnCalls { calledAt reached satisfaction note calledBy { displayName } }
  fileReviews { reviewedAt grade note reviewedBy { displayName } }`;

export default {
  legalAidRequest: `query($id: ID!) { legalAidRequest(id: $id) { id referenceNumber status matter applicantName } }`,
  legalAidClosing: `query($id: ID!) { legalAidClosing(requestId: $id) { ${CLOSING} } }`,
  legalAidClosings: `query($first: Int, $f: CaseClosingFilter) {
    legalAidClosings(first: $first, filter: $f) { totalCount edges { node { ${CLOSING} } } }
  }`,
  qualityFigures: `query($since: Date, $until: Date) {
    legalAidQualityFigures(since: $since, until: $until) {
      assignee { displayName } closed closedLate returnCalls reached averageSatisfaction
      fileReviews failedReviews
    }
  }`,
  recordCaseEnd: `mutation($id: ID!, $d: Date!, $n: String!) { recordCaseEnd(requestId: $id, endedOn: $d, note: $n) { requestId } }`,
  submitClosingMaterials: `mutation($id: ID!, $n: String!) { submitClosingMaterials(requestId: $id, note: $n) { requestId materialsLate } }`,
  computeSubsidy: `mutation($id: ID!, $c: SubsidyCaseType!, $s: SubsidyStage!) { computeSubsidy(requestId: $id, caseType: $c, stage: $s) { requestId } }`,
  approveSubsidy: `mutation($id: ID!) { approveSubsidy(requestId: $id) { requestId } }`,
  recordSubsidyPaid: `mutation($id: ID!, $r: String!) { recordSubsidyPaid(requestId: $id, paymentReference: $r) { requestId } }`,
  recordReturnCall: `mutation($id: ID!, $reached: Boolean!, $s: Int, $n: String) {
    recordReturnCall(requestId: $id, reached: $reached, satisfaction: $s, note: $n) { id }
  }`,
  recordFileReview: `mutation($id: ID!, $g: FileGrade!, $n: String) { recordFileReview(requestId: $id, grade: $g, note: $n) { id } }`,
};
