/**
 * `incident-rca report --html FILE`: one self-contained page a team publishes from CI — the dashboard's figures,
 * charts (inline SVG from charts.ts) and incident table, the response times, and the open action items by owner.
 * Inline CSS only, no script, no external request; every text from a note is escaped.
 */
import { RESPONSE_TIME_HEADERS, responseTimeCells, spreadText, type DashboardModel } from './dashboard';
import type { RollupModel } from './rollup';
import { formatMinutes } from './report';
import {
	actionsPerMonthChart,
	incidentsPerMonthChart,
	mttrPerMonthChart,
	svgText,
	topServicesChart,
	type SvgNode,
} from './charts';
import { VIEW_COLUMNS } from './columns';
import { escapeMarkup } from '../text/escape';

/** The table's columns: the view's defaults but related incidents (which need the whole vault's links). */
const TABLE = VIEW_COLUMNS.filter((c) => c.key !== 'related');
/** Charts are drawn at this width; the page scales them to its column. */
const CHART_W = 420;

const CSS = `
:root { color-scheme: light dark; --bg: #fff; --bg2: #f6f6f6; --text: #222; --muted: #666; --border: #ddd;
  --accent: #7c3aed; --red: #e93147; --orange: #ec7500; --yellow: #e0ac00; --green: #08b94e; --cyan: #00bfbc;
  --blue: #086ddd; --purple: #7852ee; }
@media (prefers-color-scheme: dark) { :root { --bg: #1e1e1e; --bg2: #262626; --text: #dadada; --muted: #999;
  --border: #3f3f3f; } }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.45 -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; }
.muted { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px; }
.card { border: 1px solid var(--border); border-radius: 8px; background: var(--bg2); padding: 8px 12px; }
.card b { display: block; font-size: 18px; } .card span { font-size: 12px; color: var(--muted); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 12px; }
.chart { border: 1px solid var(--border); border-radius: 8px; padding: 8px; margin: 0; }
.chart figcaption { font-weight: 600; font-size: 13px; margin-bottom: 4px; }
.legend { font-size: 12px; color: var(--muted); display: flex; flex-wrap: wrap; gap: 10px; margin-top: 4px; }
.legend svg { width: 10px; height: 10px; vertical-align: -1px; margin-right: 3px; }
caption { text-align: left; }
.chart > svg { width: 100%; height: auto; display: block; }
.incident-rca-grid { stroke: var(--border); } .incident-rca-axis { fill: var(--muted); font-size: 12px; }
.incident-rca-bar { fill: var(--accent); } .incident-rca-mttr { fill: var(--purple); }
.incident-rca-p90, .incident-rca-cap { stroke: var(--text); stroke-width: 2; fill: none; }
.incident-rca-cap-label { fill: var(--red); }
.incident-rca-sev-0 { fill: var(--red); } .incident-rca-sev-1 { fill: var(--orange); } .incident-rca-sev-2 { fill: var(--yellow); }
.incident-rca-sev-3 { fill: var(--green); } .incident-rca-sev-4 { fill: var(--cyan); } .incident-rca-sev-5 { fill: var(--blue); }
.incident-rca-actions.is-done { fill: var(--green); } .incident-rca-actions.is-open { fill: var(--orange); }
.incident-rca-service { fill: var(--cyan); }
table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 4px 10px 4px 0; border-bottom: 1px solid var(--border); vertical-align: top; }
tbody th { white-space: nowrap; }
thead th { color: var(--muted); font-size: 12px; }
.scroll { overflow-x: auto; } .warn { color: var(--orange); } .err { color: var(--red); }
`;

export interface HtmlReportMeta {
	/** The page's heading. */
	title: string;
	/** The day the figures are for (ISO). */
	today: string;
	/** Files that are not incident notes or could not be read. */
	skipped: number;
}

function card(label: string, value: string, cls = ''): string {
	return `<div class="card${cls ? ` ${cls}` : ''}"><b>${escapeMarkup(value)}</b><span>${escapeMarkup(label)}</span></div>`;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[], caption: string): string {
	const head = headers.map((h) => `<th scope="col">${escapeMarkup(h)}</th>`).join('');
	const body = rows
		.map((r) => `<tr>${r.map((c, k) => (k === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`)
		.join('\n');
	return `<div class="scroll"><table><caption class="muted">${escapeMarkup(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** A chart with its title as a caption (the SVG's own title is its tooltip) and a legend of swatches. */
function figure(chart: SvgNode, legend: readonly [string, string][]): string {
	const title = chart.children.find((n) => n.tag === 'title')?.text ?? '';
	const items = legend
		.map(
			([cls, label]) =>
				`<span><svg viewBox="0 0 10 10" aria-hidden="true"><rect class="incident-rca-bar ${escapeMarkup(cls)}" width="10" height="10"/></svg>${escapeMarkup(label)}</span>`,
		)
		.join('');
	return `<figure class="chart"><figcaption>${escapeMarkup(title)}</figcaption>${svgText(chart)}${items ? `<div class="legend">${items}</div>` : ''}</figure>`;
}

/** The page. `model` is buildDashboard's over every incident; `rollup` the open items grouped by owner. */
export function renderHtmlReport(model: DashboardModel, rollup: RollupModel, meta: HtmlReportMeta): string {
	const s = model.summary;
	const t = s.times;
	const a = s.actions;
	const cards = [
		card('Incidents', String(s.incidents)),
		card('By severity', s.bySeverity.map((x) => `${x.severity} ${x.count}`).join(' · ') || '—'),
		card('MTTR (mean)', formatMinutes(s.mttrMinutes)),
		card('Time to resolve, median · p90', spreadText(t.duration)),
		card('Time to detect, median · p90', spreadText(t.ttd)),
		card('Time to acknowledge, median · p90', spreadText(t.tta)),
		card('Time to mitigate, median · p90', spreadText(t.ttm)),
		card('Action items done', a.closureRate === null ? '—' : `${Math.round(a.closureRate * 100)}% of ${a.total}`),
		card('Open action items', String(s.openActions)),
		card('Overdue action items', String(s.overdueActions), s.overdueActions > 0 ? 'warn' : ''),
		card('Duration mismatches', String(s.durationMismatches), s.durationMismatches > 0 ? 'warn' : ''),
	].join('\n');
	const severities = model.choices.severities;
	const charts: [SvgNode, [string, string][]][] = [
		[
			incidentsPerMonthChart(CHART_W, model.months, severities),
			severities.map((sev, k) => [`incident-rca-sev-${Math.min(k, 5)}`, sev]),
		],
		[
			mttrPerMonthChart(CHART_W, model.months),
			[
				['incident-rca-mttr', 'Median'],
				['incident-rca-p90', 'p90'],
			],
		],
		...(model.topServices.some((x) => x.count > 1)
			? [
					[
						topServicesChart(
							CHART_W,
							model.topServices.map((x) => ({ service: x.service, value: x.count })),
							false,
						),
						[],
					] as [SvgNode, [string, string][]],
				]
			: []),
		[
			actionsPerMonthChart(CHART_W, model.months),
			[
				['incident-rca-actions is-done', 'Done'],
				['incident-rca-actions is-open', 'Open'],
			],
		],
	];
	const figures = charts.map(([c, legend]) => figure(c, legend)).join('\n');
	const times = (groups: DashboardModel['bySeverity']): string[][] =>
		groups.map((g) => [g.key, ...responseTimeCells(g)].map(escapeMarkup));
	const timeHeads = RESPONSE_TIME_HEADERS;
	const columns = TABLE;
	const incidents = model.rows.map((r) =>
		columns.map((c) => {
			const text = escapeMarkup(c.text(r));
			if (c.key === 'title') return `<span title="${escapeMarkup(r.path)}">${text}</span>`;
			if (c.key === 'problems' && r.errors > 0) return `<span class="err">${text}</span>`;
			if (c.key === 'duration' && r.durationMismatch) return `<span class="warn">${text}</span>`;
			return text;
		}),
	);
	const items = rollup.groups.flatMap((g) =>
		g.items.map((i) => [
			escapeMarkup(g.label),
			escapeMarkup(i.action),
			i.due === null
				? '—'
				: `<span${i.overdue ? ' class="err"' : ''}>${escapeMarkup(i.due)}${i.overdue ? ' overdue' : ''}</span>`,
			escapeMarkup(i.priority ?? '—'),
			`<span title="${escapeMarkup(i.path)}">${escapeMarkup(i.incident)}</span>`,
		]),
	);
	const skipped = meta.skipped > 0 ? `; ${meta.skipped} ${meta.skipped === 1 ? 'file' : 'files'} skipped` : '';
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeMarkup(meta.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${escapeMarkup(meta.title)}</h1>
<p class="muted">${model.totalIncidents} incidents, as of ${escapeMarkup(meta.today)}${skipped}. Made by incident-rca.</p>
<h2>Summary</h2>
<div class="cards">
${cards}
</div>
<h2>Charts</h2>
<div class="charts">
${figures}
</div>
<h2>Response times by severity</h2>
${table(['Severity', ...timeHeads], times(model.bySeverity), 'Median · p90 of each time')}
<h2>Response times by service</h2>
${table(['Service', ...timeHeads], times(model.byService.slice(0, 12)), 'The services with most incidents')}
<h2>Incidents</h2>
${table(
	columns.map((c) => c.label),
	incidents,
	'Newest first',
)}
<h2>Open action items</h2>
${table(['Owner', 'Action item', 'Due', 'Priority', 'Incident'], items, `${rollup.shown} open, ${rollup.counts.overdue} overdue`)}
</main>
</body>
</html>
`;
}
