// The tabs of the areas added after the first load's catalogue was full
// (loaded by the shell once signed in).
export default {
  'nav.legalAid': '法律援助',
  'nav.resettlement': '安置帮教',
  'nav.statistics': '月报',
  'resettlement.offer': '转入安置帮教',
  'nav.myHelp': '我的帮扶',
  'enum.Role.RELEASED_PERSON': '安置帮教对象',
};
