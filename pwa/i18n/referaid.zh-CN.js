// 代为申请法律援助（矫正对象、调解不成的当事人）。
export default {
  "referaid.title": "代为申请法律援助",
  "referaid.intro": "填写后，申请先发给当事人确认；当事人确认后才提交法律援助中心审查（《社区矫正法》第四十三条、《人民调解法》第二十六条）。",
  "referaid.for": "申请人：{name}",
  "referaid.party": "当事人",
  "referaid.description": "事由",
  "referaid.submit": "提交，等待当事人确认",
  "referaid.done": "已提交，等待 {name} 确认。",
  "referaid.open": "查看申请",
  "referaid.link": "代为申请法律援助",
  "referaid.notFailed": "调解不成的纠纷才能代当事人申请法律援助。",
  "referaid.centre": "法律援助中心",
  "referaid.matter": "申请事项",
  "referaid.household": "家庭人口",
  "referaid.income": "家庭月收入（元）",
  "referaid.phone": "当事人手机号",
};
