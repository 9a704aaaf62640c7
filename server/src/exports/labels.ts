/** Column and document wording of the exports, by the contest's locale (Chinese first). */
export interface ExportLabels {
  rank: string;
  bib: string;
  name: string;
  organization: string;
  station: string;
  deductions: string;
  total: string;
  award: string;
  status: string;
  complete: string;
  incomplete: string;
  panel: string;
  statuses: Record<'competing' | 'absent' | 'withdrawn' | 'disqualified', string>;
  notice: string;
  provisional: string;
  final: string;
  tieNote: string;
  chiefSignature: string;
  supervisorSignature: string;
  generatedAt: string;
  date: string;
  judge: string;
  criterion: string;
  dropped: string;
  teams: string;
  members: string;
  awards: string;
  audit: string;
  marks: string;
  standings: string;
  time: string;
  actor: string;
  action: string;
  before: string;
  after: string;
  reason: string;
  event: string;
  venue: string;
  /** audit actions in words; a code not listed is shown as it is */
  actions: Record<string, string>;
  organizer: string;
  anonymous: string;
  /** an actor `judge:KEY` */
  judgeActor: (key: string) => string;
}

const ZH: ExportLabels = {
  rank: '名次',
  bib: '参赛号',
  name: '姓名',
  organization: '单位',
  station: '工位号',
  deductions: '扣分',
  total: '总分',
  award: '奖项',
  status: '状态',
  complete: '已完成',
  incomplete: '未完成',
  panel: '评委合议分',
  statuses: { competing: '参赛', absent: '缺考', withdrawn: '弃权', disqualified: '取消资格' },
  notice: '成绩公示',
  provisional: '（暂定成绩，未经裁判长签字确认）',
  final: '（裁判长已签字确认）',
  tieNote: '注：并列名次跨越获奖线时，并列者均获较高奖项，故该奖项人数可能多于设定名额。',
  chiefSignature: '裁判长签字：',
  supervisorSignature: '监督员签字：',
  generatedAt: '生成时间：',
  date: '日期：',
  judge: '裁判',
  criterion: '评分项',
  dropped: '去掉的最高分/最低分以删除线和灰色标出',
  teams: '团体成绩',
  members: '计分队员',
  awards: '获奖名单',
  audit: '操作记录',
  marks: '评分明细',
  standings: '成绩',
  time: '时间',
  actor: '操作人',
  action: '操作',
  before: '修改前',
  after: '修改后',
  reason: '原因',
  event: '赛项',
  venue: '地点：',
  // the console's words for the same acts (judge-app admin i18n, audit.action.*)
  actions: {
    'contest.create': '创建竞赛',
    'contest.edit': '修改竞赛',
    'event.edit': '修改赛项',
    'event.reopen': '重新开放赛项',
    'event.finalize': '签字确认',
    'sheet.submit': '提交评分',
    'sheet.reopen': '退回评分表',
    'deduction.add': '扣分',
    'deduction.void': '撤销扣分',
    'entry.status': '更改选手状态',
    'board.mode': '大屏显示方式',
    'board.freeze': '冻结大屏',
    'board.unfreeze': '解除冻结',
    'board.reveal': '揭晓',
    'stations.draw': '抽签',
    import: 'Excel 导入',
    'pins.read': '查看 PIN 码',
    login: '登录',
    'login.failed': '登录失败',
    'event.publish': '发布成绩公示',
    'appeal.file': '登记复核申请',
    'appeal.decide': '答复复核申请',
  },
  organizer: '组委会',
  anonymous: '未登录者',
  judgeActor: (key) => `裁判 ${key}`,
};

const EN: ExportLabels = {
  rank: 'Rank',
  bib: 'Bib',
  name: 'Name',
  organization: 'Organization',
  station: 'Station',
  deductions: 'Deductions',
  total: 'Total',
  award: 'Award',
  status: 'Status',
  complete: 'complete',
  incomplete: 'incomplete',
  panel: 'Panel',
  statuses: { competing: 'competing', absent: 'absent', withdrawn: 'withdrawn', disqualified: 'disqualified' },
  notice: 'Results notice',
  provisional: '(provisional: not yet signed off by the chief judge)',
  final: '(signed off by the chief judge)',
  tieNote: 'Note: entries tied across an award cut-off all receive the higher award, so a tier may have more winners than its share.',
  chiefSignature: 'Chief judge:',
  supervisorSignature: 'Supervisor:',
  generatedAt: 'Generated: ',
  date: 'Date:',
  judge: 'Judge',
  criterion: 'Criterion',
  dropped: 'Marks dropped by trimming are struck through in grey',
  teams: 'Teams',
  members: 'Counted members',
  awards: 'Awards',
  audit: 'Audit trail',
  marks: 'Marks',
  standings: 'Standings',
  time: 'Time',
  actor: 'By',
  action: 'Action',
  before: 'Before',
  after: 'After',
  reason: 'Reason',
  event: 'Event',
  venue: 'Venue: ',
  actions: {
    'contest.create': 'contest created',
    'contest.edit': 'contest edited',
    'event.edit': 'event edited',
    'event.reopen': 'event reopened',
    'event.finalize': 'signed off',
    'sheet.submit': 'sheet submitted',
    'sheet.reopen': 'sheet reopened',
    'deduction.add': 'deduction',
    'deduction.void': 'deduction withdrawn',
    'entry.status': 'entry status',
    'board.mode': 'board mode',
    'board.freeze': 'board frozen',
    'board.unfreeze': 'board unfrozen',
    'board.reveal': 'reveal',
    'stations.draw': 'station draw',
    import: 'Excel import',
    'pins.read': 'PINs read',
    login: 'login',
    'login.failed': 'failed login',
    'event.publish': 'results published',
    'appeal.file': 'appeal recorded',
    'appeal.decide': 'appeal answered',
  },
  organizer: 'organizer',
  anonymous: 'not signed in',
  judgeActor: (key) => `judge ${key}`,
};

export function actionWords(l: ExportLabels, action: string): string {
  return Object.hasOwn(l.actions, action) ? l.actions[action] : action;
}

export function actorWords(l: ExportLabels, actor: string): string {
  if (actor === 'organizer') return l.organizer;
  if (actor === 'anonymous') return l.anonymous;
  return actor.startsWith('judge:') ? l.judgeActor(actor.slice('judge:'.length)) : actor;
}

export function labelsFor(locale: string): ExportLabels {
  return locale.toLowerCase().startsWith('zh') ? ZH : EN;
}
