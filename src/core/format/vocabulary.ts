/**
 * The words teams use, in English and the common other languages, for sections, columns and milestones.
 * Kept in one place so that the parser reads as logic and the vocabulary can grow without touching it.
 */
import type { MilestoneKind } from '../model';

/** What a section is about, as its heading names it. */
export const SECTION_KINDS = [
	'summary',
	'timeline',
	'rootCause',
	'resolution',
	'lessons',
	'actions',
	'impact',
	'related',
	'runbooks',
	'other',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** Word-bounded alternatives, matched anywhere in a normalised heading ("5. Root cause analysis" → rootCause). */
function words(alternatives: string): RegExp {
	// A non-letter (or the start) before the word, not a lookbehind: iOS before 16.4 cannot compile lookbehinds.
	return new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'iu');
}

export const SECTION_VOCABULARY: [SectionKind, RegExp][] = [
	[
		'timeline',
		words(
			'timeline|time line|chronology|chronologie|chronological|sequence of events|events|zeitleiste|zeitablauf|ablauf|cronolog[ií]a|l[ií]nea de tiempo|linha do tempo|tijdlijn|tidslinje|タイムライン|時系列|时间线|经过|타임라인',
		),
	],
	[
		'rootCause',
		words(
			'root ?causes?|causes?|cause racine|causes? premi[eè]res?|causa ra[ií]z|causas?|causa principale|grundursachen?|ursachen?|oorzaak|grondoorzaak|contributing factors|trigger|根本原因|原因|근본 원인',
		),
	],
	[
		'resolution',
		words(
			'resolution|resolved|resolving|mitigation|mitigations|remediation|recovery|fix|l[öo]sung|behebung|wiederherstellung|r[ée]solution|resoluci[óo]n|soluci[óo]n|risoluzione|resolu[çc][ãa]o|oplossing|herstel|対応|解決|解决|해결',
		),
	],
	[
		'lessons',
		words(
			'lessons?(?: learn(?:ed|t))?|learnings?|takeaways?|what went (?:well|wrong|badly)|where we got lucky|what (?:could|can) (?:be|we) improved?|retrospective|erkenntnisse|lehren|le[çc]ons(?: apprises)?|lecciones(?: aprendidas)?|lezioni(?: apprese)?|li[çc][õo]es(?: aprendidas)?|geleerde lessen|教訓|经验教训|교훈',
		),
	],
	[
		'actions',
		words(
			"action items?|actions?|actionables?|action plan|action points|tasks?|to-?dos?|follow[- ]?ups?|next steps|fixes|(?:the )?(?:following|coming|next) (?:\\d+|few|two|three|four|six) (?:days|weeks|months)|what(?:'|’)?s next|corrective|preventa?tive|prevention|remediation items?|improvements?|ma[ßs]nahmen|aufgaben|actions correctives|acciones|medidas|azioni|a[çc][õo]es|actiepunten|対策|改善|措施|후속 조치",
		),
	],
	[
		'summary',
		words(
			'summary|overview|description|executive summary|synopsis|abstract|tl;?dr|zusammenfassung|[üu]berblick|r[ée]sum[ée]|resumen|riepilogo|sommario|resumo|samenvatting|概要|摘要|요약',
		),
	],
	['impact', words('impact|customer impact|user impact|auswirkungen?|impacto|impatto|影響|影响|영향')],
	[
		'related',
		words(
			'related(?: incidents?| issues| links| notes)?|see also|references|previous incidents|similar incidents|verwandte vorf[äa]lle|incidents li[ée]s|incidentes relacionados',
		),
	],
	['runbooks', words('runbooks?|playbooks?|sops?|procedures?')],
	[
		'other',
		words(
			'investigation(?: details)?|communications?(?: and stakeholder updates)?|attachments?|appendix|conclusion|detection|supporting information|glossary|participants|people|contributors|scope(?: analysis)?|key findings|background|questions|notes|additional details',
		),
	],
];

/**
 * Sections named by the questions a review answers (Azure's PIRs, many templates): each question names one kind,
 * whatever other words it holds ("What went wrong and why?" is the cause, not a lesson; "How can customers make
 * incidents like this less impactful?" is advice to readers, not actions).
 */
const QUESTION_VOCABULARY: [SectionKind, RegExp][] = [
	[
		'rootCause',
		words('what went wrong and why|why did (?:this|it) happen|how did (?:this|it) happen|what caused (?:this|it)'),
	],
	[
		'actions',
		words(
			"how (?:are|will) we (?:making|make|prevent\\w*|ensur\\w*|improv\\w*|reduc\\w*)|what (?:are|will) we (?:doing|do|change|changing)|what we(?:'|’)re doing (?:about it|next)|how do we prevent",
		),
	],
	[
		'resolution',
		words('what fixed (?:it|this)|how (?:was it|did we) (?:fix|resolve)|how (?:it|this) was (?:fixed|resolved)'),
	],
	['timeline', words('how did we respond')],
	['summary', words('what happened')],
	['other', words('how can (?:customers|users|you)|how can we make our (?:incident )?communications?')],
];

/** A summary block of the incident's key moments ("Key events"): its lines are figures, not timeline rows. */
const NOT_TIMELINE = words('key events|key facts|key dates|key times|key timestamps|key metrics');
/**
 * A sentence that introduces a list of what is going to change ("We'll be making some changes to catch similar
 * issues faster in the future:"): the list is actions, though no heading names them. Past tense is not.
 */
export const FOLLOW_UP_LEAD =
	/\b(?:we(?:'|’)ll|we will|we are going to|we plan to|we intend to|going forward|in the future|next steps|to prevent|what we(?:'|’)re changing|what we are changing|(?:does|do|will) not happen again|(?:doesn|won)(?:'|’)t happen again|to avoid (?:this|a repeat|recurrence))\b/i;

/**
 * A paragraph labelled as a task: in bold ("**TODO**: …", "**DONE** …", "**Action item:** …"; group 1 the label) or
 * plain ("Action point: …", "Follow-up: …"; a plain "TODO:" is a note to the author). The text follows the match.
 * Such a paragraph is an action wherever it stands.
 */
export const TASK_LABEL =
	/^[ \t]{0,3}(?:(?:\*\*|__)(to ?do|done|fixme|follow[- ]?up|action(?: item| point)?)(?::(?:\*\*|__)|(?:\*\*|__):?)|(follow[- ]?up|action (?:item|point)):)[ \t]{1,4}(?=\S)/i;

/**
 * A sentence that commits to doing something ("Cloud Platform will re-iterate …", "the team is going to rebuild …"):
 * in a section of actions written as prose, such a sentence is a task however long it runs. "Should have" is not.
 */
export const COMMITMENT =
	/\b(?:will|shall|is going to|are going to|plans? to|intends? to|aims? to|needs? to|must|should)\b(?! have\b)/i;

/**
 * Sections whose checkboxes are the steps of a process (closing the issue, publishing the review), not follow-up
 * work: "Steps to close", "Checklist", "Notes to the owner".
 */
export const CHECKLIST_HEADING = words(
	'steps to close|checklists?|before (?:you )?(?:publish\\w*|clos\\w*)|definition of done|notes to (?:the )?owner|review process|process steps',
);

/** Headings that say "what was done" rather than "what to do". */
const NOT_ACTIONS = words('actions? taken|steps taken|measures taken');
const RESOLUTION_WORD = words('resolution|r[ée]solution|resoluci[óo]n|mitigation');

/**
 * How much of a heading names its section: its first words. A heading longer than any real one (a pasted log line
 * after a `#`) is read by these alone, so each pattern over it costs a bounded look and no cache keeps it whole.
 */
export const HEADING_NAME_CHARS = 200;

/** The part of a heading its section kinds are read from (HEADING_NAME_CHARS). */
export function headingName(title: string): string {
	return title.length > HEADING_NAME_CHARS ? title.slice(0, HEADING_NAME_CHARS) : title;
}

// Headings repeat across notes ("Timeline", "Action Items"): their kinds are remembered.
const kindsCache = new Map<string, SectionKind[]>();

/** Section kinds a heading names. Empty when it names none we know. */
export function sectionKindsOf(heading: string): SectionKind[] {
	const title = headingName(heading);
	const cached = kindsCache.get(title);
	if (cached) return cached;
	const kinds = computeSectionKinds(title);
	if (kindsCache.size > 10_000) kindsCache.clear();
	kindsCache.set(title, kinds);
	return kinds;
}

function computeSectionKinds(title: string): SectionKind[] {
	if (title.includes('?') || /^(?:what|how|why|where|when)\b/.test(title))
		for (const [kind, re] of QUESTION_VOCABULARY) if (re.test(title)) return [kind];
	const kinds: SectionKind[] = [];
	for (const [kind, re] of SECTION_VOCABULARY) if (re.test(title)) kinds.push(kind);
	let out = kinds;
	if (NOT_ACTIONS.test(title)) out = out.filter((k) => k !== 'actions');
	if (NOT_TIMELINE.test(title)) out = out.filter((k) => k !== 'timeline');
	// "Remediation items" and "Corrective actions" are to-dos; "Mitigation and resolution" is what was done.
	if (out.includes('actions') && out.includes('resolution') && !RESOLUTION_WORD.test(title))
		out = out.filter((k) => k !== 'resolution');
	// "Impact summary" is about impact; "Timeline of events" is a timeline.
	if (out.length > 1 && out.includes('summary') && out.some((k) => k === 'impact' || k === 'timeline'))
		out = out.filter((k) => k !== 'summary');
	if (out.length > 1) out = out.filter((k) => k !== 'other');
	return out;
}

// Table columns.
/** The kinds of column a timeline or action-item table has (and a team may name in its own words). */
export const COLUMN_KINDS = [
	'time',
	'date',
	'event',
	'action',
	'owner',
	'due',
	'priority',
	'status',
	'ticket',
] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export const TIME_COLUMN =
	/^(?:(?:date\s*(?:\/|&|and)\s*)?time(?:stamp)?s?|when|datetime|hora|zeit|uhrzeit|heure|tijd|orario|horário|時刻|时间|시간)(?![\p{L}])/iu;
export const DATE_COLUMN = /^(?:date|day|datum|fecha|jour|data|dag|日付|日期)(?![\p{L}])/iu;
export const EVENT_COLUMN =
	/^(?:events?|descriptions?|what happened|details|activity|actions?|updates?|notes?|messages?|summary|ereignis|beschreibung|[ée]v[ée]nement|evento|descripci[óo]n|gebeurtenis|事象|事件)(?![\p{L}])/iu;
export const ACTION_COLUMN =
	/^(?:action items?|actions?|tasks?|follow[- ]?ups?|items?|to-?dos?|remediation|what|ma[ßs]nahmen?|aufgabe|acci[óo]n|azione|a[çc][ãa]o|actie|対策)(?![\p{L}])/iu;
/** Who owns an action item, as a column or a `Key:` line. */
const OWNER_WORDS =
	'owners?|assignees?|assigned(?: to)?|responsible|who|dri|verantwortlich|responsable|responsabile|eigenaar|担当';
/** When an action item is due, as a column or a `Key:` line. */
const DUE_WORDS =
	'due(?: date| by)?|target(?: date)?|deadline|eta|by when|f[äa]llig(?:keit)?|frist|[ée]ch[ée]ance|fecha l[ií]mite|scadenza|prazo|期限';
export const OWNER_COLUMN = new RegExp(`^(?:${OWNER_WORDS})(?![\\p{L}])`, 'iu');
export const DUE_COLUMN = new RegExp(`^(?:${DUE_WORDS})(?![\\p{L}])`, 'iu');
/** A normalised `Owner:` key: the whole key is an owner word ("owner notes" is not). */
export const OWNER_KEY = new RegExp(`^(?:${OWNER_WORDS})$`, 'iu');
/** A normalised `Due:` key: it starts with a due word ("due date for the fix"). */
export const DUE_KEY = DUE_COLUMN;
export const PRIORITY_COLUMN =
	/^(?:priority|pri|prio|importance|priorit[äa]t|priorit[ée]|prioridad|priorit[àa]|優先度)(?![\p{L}])/iu;
export const STATUS_COLUMN = /^(?:status|state|done|complete(?:d)?|stato|estado|statut|状態)(?![\p{L}])/iu;
export const TICKET_COLUMN = /^(?:tickets?|jira|issues?|links?|tracking|bugs?)(?![\p{L}])/iu;

/** Each column kind's header pattern (anchored at the start of the normalised header). */
export const COLUMN_VOCABULARY: Readonly<Record<ColumnKind, RegExp>> = {
	time: TIME_COLUMN,
	date: DATE_COLUMN,
	event: EVENT_COLUMN,
	action: ACTION_COLUMN,
	owner: OWNER_COLUMN,
	due: DUE_COLUMN,
	priority: PRIORITY_COLUMN,
	status: STATUS_COLUMN,
	ticket: TICKET_COLUMN,
};

export const DONE_VALUES =
	/^(?:done|closed|complete(?:d)?|resolved|fixed|finished|shipped|merged|✅|✔️?|☑️?|x|yes|true|erledigt|fait|termin[ée]|hecho|completado|fatto|conclu[ií]do|klaar)$/iu;

/**
 * Milestone words, tested in this order: the first that matches a row names its milestone. Each comes as a Unicode
 * pattern and an ASCII twin (same words, ASCII word boundaries, no `u` flag) that is several times faster and
 * matches exactly the same on text without non-ASCII characters — nearly every timeline row.
 */
export const MILESTONE_VOCABULARY: [MilestoneKind, RegExp][] = [
	[
		'resolved',
		words(
			'resolved|resolution|fully (?:restored|recovered)|service (?:was )?restored|restored|all[- ]clear|incident (?:was )?closed|closed the incident|back to normal|fully operational|behoben|gelöst|wiederhergestellt|résolu|rétabli|retour à la normale|resuelto|restablecido|risolto|ripristinato|resolvido|restaurado',
		),
	],
	[
		'mitigated',
		words(
			'mitigat\\w*|workaround|rolled back|roll(?:ed|ing)? ?back|rollback|failover|failed over|hotfix|fix (?:was )?(?:tested and )?deployed|deployed (?:a |the )?fix|recovery observed|recovering|traffic (?:shifted|drained)|restarted|restart(?:ed|ing)? (?:the )?\\w+|patched|patch (?:was )?(?:applied|deployed)|applied (?:a |the )?fix|scaled (?:up|out)|entschärft|umgeschaltet|neu gestartet|atténué|bascul\\w*|redémarr\\w*|mitigado|mitigó|reiniciad\\w*|conmutad\\w*',
		),
	],
	[
		'identified',
		words(
			'root cause (?:was )?(?:identified|found|determined)|identified|discovered|pinpointed|diagnosed|found the (?:cause|bug|issue)|ursache gefunden|ursache identifiziert|cause identifiée|cause trouvée|causa identificada|causa encontrada',
		),
	],
	[
		'acknowledged',
		words(
			'acknowledg\\w*|ack(?:ed)?|on-?call (?:engineer )?(?:responded|joined|engaged)|began investigat\\w*|started investigat\\w*|investigation (?:started|began)|incident declared|declared (?:an |the )?incident|responders? (?:joined|engaged)|bestätigt|übernommen|pris en charge|prise en charge|reconnu|reconocid\\w*|atendid\\w*',
		),
	],
	[
		'detected',
		words(
			'detected|detection|alert(?:s|ed)? (?:fired|triggered|raised)|(?:monitoring )?alert triggered|alerted|first reported|reported by|noticed|paged|page (?:fired|sent)|(?:customers?|users?|merchants?|support) reported|reported|erkannt|alarm ausgelöst|gemeldet|détecté|alerte déclenchée|alerte|signalé|detectado|alerta|rilevato',
		),
	],
	[
		'started',
		words(
			'impact (?:began|started)|incident (?:began|started)|outage (?:began|started)|issue (?:began|started)|started failing|began failing|first errors?|start of (?:impact|incident|outage)|(?:bad |faulty )?(?:deploy(?:ment)?|change|release|migration) (?:was )?(?:started|began|applied|rolled out|shipped)|impact begins|störung begann|comienzo del incidente',
		),
	],
];

/** ASCII twins of MILESTONE_VOCABULARY, for rows that are plain ASCII. */
export const MILESTONE_VOCABULARY_ASCII: [MilestoneKind, RegExp][] = MILESTONE_VOCABULARY.map(([kind, re]) => [
	kind,
	new RegExp(
		re.source.replace('(?:^|[^\\p{L}\\p{N}])', '(?:^|[^A-Za-z0-9])').replace('(?![\\p{L}\\p{N}])', '(?![A-Za-z0-9])'),
		'i',
	),
]);

/**
 * Every milestone pattern above contains one of these stems: a row without any of them names no milestone.
 * (Kept in step with MILESTONE_VOCABULARY; tests/parse.test.ts checks each kind's words still classify.)
 */
export const MILESTONE_HINT =
	/resol|restor|recover|clear|closed|normal|operational|behoben|gelöst|hergestellt|résolu|rétabli|resuelto|restablec|risolt|ripristin|resolvid|mitigat|workaround|roll|failover|failed over|hotfix|fix|deploy|traffic|restart|patch|scaled|entschärft|umgeschaltet|neu gestartet|atténué|bascul|redémarr|mitig|reinici|conmut|identif|discover|pinpoint|diagnos|found|ursache|cause|causa|acknowledg|ack|on-?call|investigat|declared|responder|bestätigt|übernommen|pris en charge|prise en charge|reconnu|reconocid|atendid|detect|alert|report|notic|page|erkannt|alarm|gemeldet|détecté|signalé|detectado|rilevato|impact|incident|outage|issue|fail|error|start of|change|release|migration|begins|begann|störung|début|comienzo/i;

const NON_ASCII = /[\u0080-\uffff]/;

/** The milestone a row's words name, by the built-in vocabulary; null when they name none. */
export function builtInMilestoneOf(text: string): MilestoneKind | null {
	// One cheap test for any milestone stem before the six word-bounded patterns.
	if (!MILESTONE_HINT.test(text)) return null;
	const vocabulary = NON_ASCII.test(text) ? MILESTONE_VOCABULARY : MILESTONE_VOCABULARY_ASCII;
	for (const [kind, re] of vocabulary) if (re.test(text)) return kind;
	return null;
}

/** Keys of `Key: value` lines and frontmatter that name a milestone ("Detection", "Date & Time Detected", "resolved_at"). */
export const MILESTONE_KEY_WORDS: [MilestoneKind, RegExp][] = [
	['started', words('start(?:ed)?(?:_at)?|began|impact start|incident start|start time|started at')],
	['detected', words('detect(?:ed|ion)?(?:_at)?|date & time detected|detected at')],
	['acknowledged', words('acknowledged?(?:_at)?|ack(?:ed)?(?:_at)?')],
	['identified', words('identified(?:_at)?')],
	['mitigated', words('mitigat(?:ed|ion)(?:_at)?')],
	['resolved', words('resol(?:ved|ution)(?:_at)?|end(?:ed)?(?:_at)?|recovered(?:_at)?|closed(?:_at)?')],
];

export function builtInMilestoneOfKey(key: string): MilestoneKind | null {
	for (const [kind, re] of MILESTONE_KEY_WORDS) if (re.test(key)) return kind;
	return null;
}

/**
 * Where an incident stands, whatever words its status uses: the dashboard filters by these kinds, and the note keeps
 * its own text. In the order they are tested: "Complete, action items in progress" has action items open.
 */
export const STATUS_KINDS = ['actions-open', 'in-review', 'closed', 'resolved', 'mitigated', 'investigating'] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];

export const STATUS_LABELS: Readonly<Record<StatusKind, string>> = {
	investigating: 'Investigating',
	mitigated: 'Mitigated',
	resolved: 'Resolved',
	closed: 'Closed',
	'in-review': 'In review',
	'actions-open': 'Action items open',
};

export const STATUS_VOCABULARY: [StatusKind, RegExp][] = [
	[
		'actions-open',
		words(
			'action items? (?:open|in progress|pending|outstanding)|actions? (?:open|in progress|pending|outstanding)|follow[- ]?ups? (?:open|in progress|pending)|remediation in progress|open actions?',
		),
	],
	[
		'in-review',
		words(
			'in review|under review|review|reviewing|draft|postmortem pending|post-?mortem in progress|rca in progress|pending review|awaiting review|in bearbeitung|en revisi[óo]n|en r[ée]vision',
		),
	],
	[
		'closed',
		words(
			'closed|complete|completed|done|published|archived|final|geschlossen|abgeschlossen|cerrado|ferm[ée]|cl[ôo]tur[ée]|chiuso|fechado',
		),
	],
	[
		'resolved',
		words('resolved|fixed|restored|recovered|behoben|gel[öo]st|r[ée]solu|resuelto|risolto|resolvido|opgelost'),
	],
	['mitigated', words('mitigated|monitoring|workaround|stable|stabili[sz]ed|entsch[äa]rft|att[ée]nu[ée]|mitigado')],
	[
		'investigating',
		words(
			'investigating|identified|ongoing|open|active|in progress|triage|triaging|declared|untersuchung|en cours|investigando|in corso',
		),
	],
];
