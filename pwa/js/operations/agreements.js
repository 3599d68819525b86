// The GraphQL operations of the mediation agreements' screens (screens/agreements.js).
const AGREEMENT = `id clientId form statusMatter facts responsibilities agreedAt sealedAt effectiveAt effectiveOn
  confirmationDueOn confirmable recordedAt awaiting documentUrl
  dispute { id title referenceNumber status mediator { displayName } orgUnit { name } }
  parties { name role phone address }
  terms { id obligor content way dueOn performedOn performedNote overdue }
  signatures { id signerKind partyIndex signerName method signedAt }
  confirmation { status court caseNumber appliedOn acceptanceDueOn acceptanceLate acceptedOn extended rulingDueOn rulingLate ruledOn }
  returnVisits { id visitedAt summary outcome }`;

export default {
  agreements: `query Agreements($first: Int, $after: String, $filter: AgreementFilter) {
    agreements(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id form effectiveOn confirmationDueOn confirmable awaiting
        dispute { id title referenceNumber }
        parties { name } terms { id overdue dueOn performedOn } confirmation { status } } }
    }
  }`,
  agreement: `query Agreement($id: ID!) { agreement(id: $id) { ${AGREEMENT} } }`,
  agreementOfDispute: `query AgreementOfDispute($filter: AgreementFilter) {
    agreements(first: 1, filter: $filter) { edges { node { id } } }
    }`,
  recordAgreement:
    'mutation RecordAgreement($input: RecordAgreementInput!) { recordAgreement(input: $input) { id clientId effectiveAt awaiting } }',
  recordAgreementSignature:
    'mutation SignAgreement($input: AgreementSignatureInput!) { recordAgreementSignature(input: $input) { id signerKind partyIndex signedAt } }',
  sealAgreement: `mutation SealAgreement($id: ID!, $sealedAt: DateTime!) { sealAgreement(id: $id, sealedAt: $sealedAt) { ${AGREEMENT} } }`,
  recordJudicialConfirmation: `mutation Confirmation($input: JudicialConfirmationInput!) { recordJudicialConfirmation(input: $input) { ${AGREEMENT} } }`,
  markTermPerformed:
    'mutation TermPerformed($termId: ID!, $performedOn: Date!, $note: String) { markTermPerformed(termId: $termId, performedOn: $performedOn, note: $note) { id performedOn overdue } }',
};
