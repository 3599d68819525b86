// The operations of the legal-aid procedure's screens (法律援助法 Art. 43-49, 55).
const REQUEST_FIELDS = `id status referenceNumber applicantName decisionDueAt decisionClockStopped deadlinePassed
  assignee { id displayName }
  materialsRequests { id items dueOn status requestedAt resolvedAt }
  materialsSupplied { id note suppliedAt photos { id } }
  aidBeforeReview { ground decidedAt paperworkReceivedAt }
  notifiedCase { bodyType bodyName bodyReference ground }
  terminations { ground reason decidedAt }
  objections { id against status reasons filedAt dueAt decisionReason }
  progress { id kind happenedOn hearingAt note recordedBy { displayName } }
  complaints { id kind status reason outcome }
  documents { id title number url }`;

export default {
  procedureRequest: `query ProcedureRequest($id: ID!) { legalAidRequest(id: $id) { ${REQUEST_FIELDS} } }`,
  requestMaterials: `mutation RequestMaterials($id: ID!, $items: [String!]!, $dueOn: Date!) {
    requestMaterials(id: $id, items: $items, dueOn: $dueOn) { id status } }`,
  supplyMaterials: `mutation SupplyMaterials($input: MaterialsSupplyInput!) {
    supplyMaterials(input: $input) { id clientId suppliedAt } }`,
  provideAidBeforeReview: `mutation AidBeforeReview($id: ID!, $ground: AidBeforeReviewGround!, $note: String!) {
    provideAidBeforeReview(id: $id, ground: $ground, note: $note) { id status } }`,
  terminateAid: `mutation TerminateAid($id: ID!, $ground: TerminationGround!, $reason: String!) {
    terminateAid(id: $id, ground: $ground, reason: $reason) { ground } }`,
  fileObjection: `mutation FileObjection($input: ObjectionInput!) { fileObjection(input: $input) { id clientId status dueAt } }`,
  fileComplaint: `mutation FileComplaint($input: ComplaintInput!) { fileComplaint(input: $input) { id clientId status } }`,
  recordProgress: `mutation RecordProgress($requestId: ID!, $input: ProgressInput!) {
    recordProgress(requestId: $requestId, input: $input) { id clientId } }`,
  objections: `query Objections($after: String, $status: ObjectionStatus) {
    objections(first: 20, after: $after, filter: { status: $status }) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id against status reasons filedAt dueAt reviewOverdue decisionReason
        request { id referenceNumber applicantName orgUnit { name } } } } } }`,
  decideObjection: `mutation DecideObjection($id: ID!, $uphold: Boolean!, $reason: String!) {
    decideObjection(id: $id, uphold: $uphold, reason: $reason) { id status } }`,
};
