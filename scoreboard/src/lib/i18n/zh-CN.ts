/** Chinese board text; the source of the message keys. `{name}` is filled in by `t`. */
export const zhCN = {
  'app.name': '实时成绩榜',
  'app.loading': '正在加载成绩…',

  'picker.title': '实时成绩榜',
  'picker.label': '竞赛代码',
  'picker.placeholder': '例如 BG2024',
  'picker.go': '查看成绩',
  'picker.hint': '输入竞赛代码，或扫描现场大屏上的二维码。',

  'status.provisional': '暂定成绩',
  'status.final': '成绩已确认',
  'status.frozen': '封榜',
  'status.frozenNote': '封榜中，成绩将在揭晓时公布',

  'conn.connecting': '正在连接',
  'conn.live': '实时',
  'conn.reconnecting': '正在重新连接',
  'conn.offline': '已离线',
  'conn.lastUpdate': '最后更新 {time}',
  'conn.updatedAt': '更新于 {time}',
  'conn.staleBanner': '连接中断，显示的是 {time} 的成绩',
  'conn.staleNoData': '连接中断，暂无成绩',

  'col.rank': '名次',
  'col.contestant': '选手',
  'col.organization': '代表队',
  'col.bib': '参赛号',
  'col.total': '总分',
  'col.award': '奖项',
  'col.team': '代表队',
  'col.members': '成员',
  'col.deductions': '扣分',

  'row.incomplete': '评分中',
  'row.tieLifted': '并列',
  'row.status.competing': '参赛',
  'row.status.absent': '缺考',
  'row.status.withdrawn': '弃权',
  'row.status.disqualified': '取消资格',
  'row.bib': '参赛号 {bib}',
  'row.rank': '第 {rank} 名',
  'row.unranked': '未排名',
  'row.up': '上升 {n} 名',
  'row.down': '下降 {n} 名',
  'row.new': '新成绩',

  'spot.title': '最新成绩',
  'spot.waiting': '等待评分结果',
  'spot.recent': '最近更新',
  'spot.complete': '评分完成',

  'stats.title': '赛项进度',
  'stats.entries': '参赛',
  'stats.scored': '已完成评分',
  'stats.persons': '{n} 人',

  'page.of': '{page} / {count}',
  'page.ranks': '第 {from}–{to} 名',
  'page.paused': '轮播已暂停',
  'page.prev': '上一页',
  'page.next': '下一页',
  'page.pause': '暂停轮播',
  'page.resume': '继续轮播',

  'teams.title': '团体总分',
  'teams.short': '团体',
  'teams.incomplete': '人数不足',
  'teams.none': '暂无团体成绩',
  'teams.size': '每队计前 {n} 名成绩',

  'qr.caption': '扫码用手机查看',

  'phone.individual': '个人',
  'phone.teams': '团体',
  'phone.search': '搜索参赛号、姓名或代表队',
  'phone.clearSearch': '清除搜索',
  'phone.count': '共 {n} 人',
  'phone.matches': '找到 {n} 人',
  'phone.noMatch': '没有找到“{q}”',
  'phone.showMore': '显示更多（还有 {n} 人）',
  'phone.events': '赛项',
  'phone.parts': '分项得分',

  'empty.rows': '暂无成绩',
  'error.notFound': '找不到竞赛“{code}”，请检查竞赛代码。',
  'error.load': '无法读取竞赛信息：{message}',
  'error.feed': '实时成绩不可用：{message}',

  'lang.switch': 'EN',
  'lang.switchLabel': 'Switch to English',
} as const;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;
