import type { MessageKey } from '../i18n/zh-CN';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The server and the shared validators word problems in English. Known wordings are shown in
 * the console's language; anything else is shown as the server wrote it.
 */
const WORDINGS: [RegExp, MessageKey][] = [
  [/^must not be empty(?:: say why)?$/, 'problem.empty'],
  [/^empty$/, 'problem.empty'],
  [/^at most (?<n>\d+) characters$/, 'problem.tooLong'],
  [/^longer than (?<n>\d+) characters$/, 'problem.tooLong'],
  [/^must be a number$/, 'problem.notNumber'],
  [/^must be number(?: \(missing\))?$/, 'problem.notNumber'],
  [/^must be a whole number$/, 'problem.notWhole'],
  [/^must be 2–32 letters, digits, "-" or "_"$/, 'problem.code'],
  [/^an event needs at least one criterion$/, 'problem.noCriteria'],
  [/^must be greater than 0 \(got (?<got>.*)\)$/, 'problem.positive'],
  [/^must be at most (?<max>[\d.]+) \(got (?<got>.*)\)$/, 'problem.atMost'],
  [/^must have at most two decimals \(got (?<got>.*)\)$/, 'problem.twoDecimals'],
  [/^must divide max (?<max>.*) exactly \(got (?<got>.*)\)$/, 'problem.stepDivides'],
  [/^must be greater than 0 and at most (?<max>[\d.]+) \(got (?<got>.*)\)$/, 'problem.weight'],
  [/^must be 0 or more \(got (?<got>.*)\)$/, 'problem.nonNegative'],
  [/^must be 0 or more with at most two decimals \(got (?<got>.*)\)$/, 'problem.minTotal'],
  [/^must be between 0 and (?<max>\d+) decimals \(got (?<got>.*)\)$/, 'problem.precision'],
  [/^must be at least 1 \(got (?<got>.*)\)$/, 'problem.atLeastOne'],
  [/^must be a fraction above 0 and at most 1 with at most 6 decimals \(got (?<got>.*)\)$/, 'problem.share'],
  [/^award shares add up to more than 1 \((?<sum>.*)\)$/, 'problem.shareSum'],
  [/^give either share or count$/, 'problem.shareOrCount'],
  [/^duplicate criterion key "(?<key>.*)"$/, 'problem.dupCriterion'],
  [/^"(?<key>.*)" is a reserved name; choose another key$/, 'problem.reserved'],
  [/^"(?<key>.*)" is reserved for the panel part when aggregating over totals$/, 'problem.reservedPanel'],
  [/^unknown criterion "(?<key>.*)"$/, 'problem.unknownCriterion'],
  [/^duplicate award name "(?<key>.*)"$/, 'problem.dupAward'],
  [/^judge "(?<key>.*)" is on the panel twice$/, 'problem.panelTwice'],
  [/^unknown judge "(?<key>.*)" \(not in judges\)$/, 'problem.unknownJudge'],
  [/^must list at least one criterion, or be left out for all judged criteria$/, 'problem.panelCriteria'],
  [/^no panel judge marks criterion "(?<key>.*)"$/, 'problem.unmarked'],
  [/^trimming (?<trim>\d+) high and \d+ low needs at least (?<need>\d+) judges on "(?<key>.*)", the panel has (?<has>\d+)$/, 'problem.trimPanel'],
  [/^duplicate judge key "(?<key>.*)"$/, 'problem.dupJudge'],
  [/^must be 4 to 8 digits$/, 'problem.pin'],
  [/^same PIN as judges\[(?<idx>\d+)\]; each judge needs their own$/, 'problem.samePinRow'],
  [/^same PIN as judge "(?<key>.*)"; each judge needs their own$/, 'problem.samePinJudge'],
  [/^duplicate bib "(?<key>.*)" in this event$/, 'problem.dupEntry'],
  [/^duplicate station "(?<key>.*)" in this event$/, 'problem.dupStation'],
  [/^duplicate bib "(?<key>.*)"$/, 'problem.dupBib'],
  [/^duplicate event key "(?<key>.*)"$/, 'problem.dupEvent'],
  [/^unknown bib "(?<key>.*)" \(not in contestants\)$/, 'problem.unknownBib'],
  [/^unknown event "(?<key>[^"]*)" \(events: (?<list>.*)\)$/, 'problem.unknownEventList'],
  [/^unknown event "(?<key>[^"]*)"$/, 'problem.unknownEvent'],
  [/^a stored mark is (?<got>[\d.]+) \(station (?<station>.*)\); max must be at least that$/, 'problem.storedMax'],
  [/^a stored mark (?<got>[\d.]+) \(station (?<station>.*)\) is not a multiple of (?<step>[\d.]+)$/, 'problem.storedStep'],
  [/^contest code "(?<key>[^"]*)" already exists(?: as "(?<other>[^"]*)".*)?$/, 'problem.codeTaken'],
  [/^the contest code cannot change \(this contest is "(?<key>.*)"\)$/, 'problem.codeFixed'],
  [/^marking has started in (?:event "(?<event>.*)"|the contest): (?<act>.*) changes results already marked; send "confirm": true to apply it$/, 'problem.guardMarked'],
  [/^(?:event "(?<event>.*)"|the contest) is finalized: reopen it before (?<act>.*)$/, 'problem.guardFinal'],
  [/^finalized events? (?<events>.*) shows? this contestant: reopen (?:it|them) before (?<act>.*)$/, 'problem.guardFinalContestant'],
  [/^events? (?<events>.*) (?:is|are) finalized; the organizer must reopen (?:it|them) before an import can add entries$/, 'problem.importFinal'],
  [/^marking has started in events? (?<events>.*): the import adds entries to .* being marked; send the file again with \?confirm=1 to import it$/, 'problem.importMarked'],
  [/^events? (?<events>.*) (?:is|are) finalized; the organizer must reopen (?:it|them) before stations can be drawn$/, 'problem.drawFinal'],
  [/^bib (?<key>\S+) already belongs to (?<name>.*) \((?<org>.*)\)$/, 'problem.bibTaken'],
  [/^bib (?<key>\S+) is already entered in (?<event>.*)$/, 'problem.alreadyEntered'],
  [/^station (?<key>\S+) is already taken in (?<event>.*)$/, 'problem.stationTaken'],
];

export function problemText(message: string, t: Translate): string {
  for (const [re, key] of WORDINGS) {
    const m = re.exec(message);
    // `idx` is a 0-based position in a list of the file; people count rows from 1
    if (m) return t(key, Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, k === 'idx' ? Number(v) + 1 : (v ?? '')])));
  }
  return message;
}
