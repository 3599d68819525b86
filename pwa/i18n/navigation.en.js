// The tabs of the areas added after the first load's catalogue was full
// (loaded by the shell once signed in).
export default {
  'nav.legalAid': 'Legal aid',
  'nav.resettlement': 'Resettlement',
  'nav.statistics': 'Monthly report',
  'resettlement.offer': 'Open a resettlement record',
  'nav.myHelp': 'My help',
  'enum.Role.RELEASED_PERSON': 'Released person',
};
