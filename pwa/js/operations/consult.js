// The GraphQL operations of the consultation screens (法律咨询, 12348) and of
// legal-aid referrals awaiting the person's confirmation.
const CONSULTATION = `id channel category question askerName askerPhone askedAt answer answeredAt
  answeredBy { displayName } recordedBy { displayName } orgUnit { id name }
  referredTo referredAt referralBody referralDisputeId`;
const REFERRAL = `id source status personName personPhone matter description householdSize
  monthlyHouseholdIncome referredAt answeredAt method note requestId orgUnit { name }
  referredBy { displayName }`;

export default {
  consultationUnits: `query { consultationUnits { id name kind } }`,
  consultations: `query($first: Int, $after: String, $f: ConsultationFilter) {
    consultations(first: $first, after: $after, filter: $f) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { ${CONSULTATION} } }
    }
  }`,
  consultation: `query($id: ID!) { consultation(id: $id) { ${CONSULTATION} } }`,
  consultationFigures: `query($since: Date, $until: Date) {
    consultationFigures(since: $since, until: $until) { orgUnit { name } category count answered }
  }`,
  recordConsultation: `mutation($input: ConsultationInput!) { recordConsultation(input: $input) { ${CONSULTATION} } }`,
  askLegalQuestion: `mutation($input: LegalQuestionInput!) { askLegalQuestion(input: $input) { ${CONSULTATION} } }`,
  answerConsultation: `mutation($id: ID!, $a: String!) { answerConsultation(id: $id, answer: $a) { ${CONSULTATION} } }`,
  referConsultation: `mutation($id: ID!, $i: ConsultationReferralInput!) {
    referConsultation(id: $id, input: $i) {
      consultation { ${CONSULTATION} } dispute { id } referral { id status }
    }
  }`,
  legalAidCenters: `query { legalAidCenters { id name } }`,
  legalAidReferrals: `query($s: LegalAidReferralStatus) {
    legalAidReferrals(status: $s) { totalCount edges { node { ${REFERRAL} } } }
  }`,
  legalAidReferral: `query($id: ID!) { legalAidReferral(id: $id) { ${REFERRAL} } }`,
  confirmReferredRequest: `mutation($id: ID!, $n: String) {
    confirmReferredRequest(id: $id, note: $n) { id status decisionDueAt }
  }`,
  declineReferredRequest: `mutation($id: ID!, $n: String) {
    declineReferredRequest(id: $id, note: $n) { ${REFERRAL} }
  }`,
};
