// Starting a legal-aid request for someone else (schema/legal_aid/consultations.py).
export default {
  centres: 'query ReferCentres { legalAidCenters { id name } }',
  person: 'query ReferPerson($id: ID!) { supervisedPerson(id: $id) { id fullName phone } }',
  dispute: 'query ReferDispute($id: ID!) { dispute(id: $id) { id title status parties { name role phone } } }',
  refer: `mutation ReferLegalAid($input: LegalAidReferralInput!) {
    referLegalAid(input: $input) { id status personName } }`,
};
