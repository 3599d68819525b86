// 表单输入规则的提示（姓名中的符号、矫正期限、已过的时效期限、按身份证号搜索）。
export default {
  'rule.symbol': '名称中不能有表情符号或其他符号，只能用文字和数字。',
  'rule.termOrder': '结束日期须晚于开始日期。',
  'rule.termShort': '此类社区矫正的期限不少于 {months} 个月，请核对结束日期。',
  'rule.termLong': '此类社区矫正的期限不超过 {months} 个月，请核对起止日期。',
  'rule.deadlinePassed': '此日期已过。申请仍可提交，时效问题由法律援助机构审查。',
  'input.deadlinePassed': '申请时所述时效或期限已届满，法律援助机构将审查这对您的事项意味着什么。',
  'input.searchHint': '姓名、身份证号后 4 位或完整身份证号',
};
