/**
 * The dashboard's charts as SVG trees (plain objects), with theme colours from CSS classes (styles.css uses Obsidian
 * variables): the plugin turns them into DOM elements (plugin/svg-charts.ts), the CLI's HTML report into text.
 * Each is drawn at the width it is shown at (so its text is the UI's small font, not scaled down), with a title and
 * a description for screen readers, axes in human units (45m, 3h, 2d) and exact values on hover (<title>). An
 * outlier does not flatten the rest: the axis stops above the others and the outlier's bar is capped and labelled.
 */
import type { MonthPoint } from './dashboard';
import { formatMinutes } from './report';
import { scaleOf, type Scale } from './stats';
import { maxOf, minOf } from '../text/math';
import { escapeMarkup } from '../text/escape';

/** One SVG element: its class, attributes, text (always text, never markup) and children. */
export interface SvgNode {
	tag: string;
	cls: string | null;
	attr: Record<string, string | number>;
	text: string | null;
	children: SvgNode[];
}

/** A child element of `parent`, as createSvg takes it ({ cls, attr }). */
function el(parent: SvgNode, tag: string, o: { cls?: string; attr?: Record<string, string | number> } = {}): SvgNode {
	const node: SvgNode = { tag, cls: o.cls ?? null, attr: o.attr ?? {}, text: null, children: [] };
	parent.children.push(node);
	return node;
}

function withText(node: SvgNode, text: string): SvgNode {
	node.text = text;
	return node;
}

const H = 180;
const PAD = { left: 48, right: 10, top: 14, bottom: 24 };
/** The narrowest a chart is drawn (a phone's column); below it the SVG scales down. */
const MIN_W = 260;

interface Frame {
	svg: SvgNode;
	w: number;
}

/** An SVG as wide as its box (`width`: 0 when unknown), titled and described (what a sighted reader sees). */
function frame(width: number, title: string, description: string, cls: string): Frame {
	const w = Math.max(MIN_W, Math.round(width || 480));
	const svg: SvgNode = {
		tag: 'svg',
		cls: `incident-rca-chart ${cls}`,
		attr: { viewBox: `0 0 ${w} ${H}`, role: 'img', 'aria-label': `${title}. ${description}` },
		text: null,
		children: [],
	};
	withText(el(svg, 'title'), title);
	withText(el(svg, 'desc'), description);
	return { svg, w };
}

function yAxis(f: Frame, scale: Scale, label: (v: number) => string): (v: number) => number {
	const plot = H - PAD.top - PAD.bottom;
	const y = (v: number): number => PAD.top + plot * (1 - Math.min(v, scale.max) / scale.max);
	for (const t of scale.ticks) {
		el(f.svg, 'line', {
			cls: 'incident-rca-grid',
			attr: { x1: PAD.left, x2: f.w - PAD.right, y1: y(t), y2: y(t) },
		});
		withText(
			el(f.svg, 'text', {
				cls: 'incident-rca-axis',
				attr: { x: PAD.left - 6, y: y(t) + 4, 'text-anchor': 'end' },
			}),
			label(t),
		);
	}
	return y;
}

/** Month labels under the bars, as many as fit (about one per 56 px). */
function monthLabels(f: Frame, months: readonly MonthPoint[], x: (k: number) => number, band: number): void {
	const fit = Math.max(1, Math.floor((f.w - PAD.left - PAD.right) / 56));
	const every = Math.max(1, Math.ceil(months.length / fit));
	months.forEach((m, k) => {
		if (k % every !== 0) return;
		withText(
			el(f.svg, 'text', {
				cls: 'incident-rca-axis',
				attr: { x: x(k) + band / 2, y: H - 6, 'text-anchor': 'middle' },
			}),
			m.month,
		);
	});
}

function bands(f: Frame, n: number): { band: number; x: (k: number) => number } {
	const band = (f.w - PAD.left - PAD.right) / Math.max(1, n);
	return { band, x: (k) => PAD.left + k * band };
}

/** A bar taller than the axis: drawn to the top, marked, with its value written above it. */
function capMark(f: Frame, x: number, width: number, value: string): void {
	el(f.svg, 'path', {
		cls: 'incident-rca-cap',
		attr: { d: `M${x} ${PAD.top + 4} l${width / 2} -6 l${width / 2} 6` },
	});
	withText(
		el(f.svg, 'text', {
			cls: 'incident-rca-axis incident-rca-cap-label',
			attr: { x: x + width / 2, y: PAD.top - 3, 'text-anchor': 'middle' },
		}),
		value,
	);
}

/** Incidents per month, stacked by severity (most severe at the bottom). */
export function incidentsPerMonthChart(width: number, months: MonthPoint[], severities: string[]): SvgNode {
	const total = months.reduce((n, m) => n + m.total, 0);
	const f = frame(
		width,
		'Incidents per month by severity',
		`${total} incidents over ${months.length} months; the busiest month had ${maxOf(
			months.map((m) => m.total),
			0,
		)}.`,
		'is-per-month',
	);
	const scale = scaleOf(
		months.map((m) => m.total),
		false,
		false,
	);
	const y = yAxis(f, scale, String);
	const { band, x } = bands(f, months.length);
	months.forEach((m, k) => {
		let top = 0;
		severities.forEach((sev, s) => {
			const n = m.bySeverity[sev] ?? 0;
			if (n === 0) return;
			const rect = el(f.svg, 'rect', {
				cls: `incident-rca-bar incident-rca-sev-${Math.min(s, 5)}`,
				attr: { x: x(k) + band * 0.15, y: y(top + n), width: band * 0.7, height: y(top) - y(top + n) },
			});
			withText(el(rect, 'title'), `${m.month}: ${n} ${sev} (${m.total} in all)`);
			top += n;
		});
	});
	monthLabels(f, months, x, band);
	return f.svg;
}

/**
 * Time to resolve per month: the median as a bar, the p90 as a line above it (half the month's incidents took
 * longer than the bar, one in ten longer than the line). Months with an outlier are capped and labelled.
 */
export function mttrPerMonthChart(width: number, months: MonthPoint[]): SvgNode {
	const known = months.filter((m) => m.medianMinutes !== null);
	const f = frame(
		width,
		'Time to resolve per month: median and p90',
		known.length === 0
			? 'No month has a duration.'
			: `Median time to resolve by month, from ${formatMinutes(minOf(known.map((m) => m.medianMinutes as number)))} to ${formatMinutes(maxOf(known.map((m) => m.medianMinutes as number)))}.`,
		'is-mttr',
	);
	// One value per month (its p90, else its median): an outlier month is one value, whatever its own spread.
	const scale = scaleOf(
		known.map((m) => Math.max(m.medianMinutes as number, m.p90Minutes ?? 0)),
		true,
	);
	const y = yAxis(f, scale, (v) => (v === 0 ? '0' : formatMinutes(v)));
	const { band, x } = bands(f, months.length);
	months.forEach((m, k) => {
		if (m.medianMinutes === null) return;
		const left = x(k) + band * 0.2;
		const width = band * 0.6;
		const rect = el(f.svg, 'rect', {
			cls: 'incident-rca-bar incident-rca-mttr',
			attr: { x: left, y: y(m.medianMinutes), width, height: y(0) - y(m.medianMinutes) },
		});
		const exact = `${m.month}: median ${formatMinutes(m.medianMinutes)}, p90 ${formatMinutes(m.p90Minutes)}, mean ${formatMinutes(m.mttrMinutes)} (${m.total} incidents)`;
		withText(el(rect, 'title'), exact);
		if (m.p90Minutes !== null && m.p90Minutes > m.medianMinutes) {
			const line = el(f.svg, 'line', {
				cls: 'incident-rca-p90',
				attr: { x1: left + width / 2, x2: left + width / 2, y1: y(m.medianMinutes), y2: y(m.p90Minutes) },
			});
			withText(el(line, 'title'), exact);
			el(f.svg, 'line', {
				cls: 'incident-rca-p90',
				attr: { x1: left + width * 0.2, x2: left + width * 0.8, y1: y(m.p90Minutes), y2: y(m.p90Minutes) },
			});
		}
		const highest = Math.max(m.medianMinutes, m.p90Minutes ?? 0);
		if (highest > scale.max) capMark(f, left, width, formatMinutes(highest));
	});
	monthLabels(f, months, x, band);
	return f.svg;
}

/** The services with the most incidents (or incident minutes), as horizontal bars. */
export function topServicesChart(
	width: number,
	services: readonly { service: string; value: number }[],
	minutes: boolean,
): SvgNode {
	const show = (v: number): string => (minutes ? formatMinutes(v) : String(v));
	const f = frame(
		width,
		minutes ? 'Top services by incident minutes' : 'Top services by incidents',
		services.map((s) => `${s.service} ${show(s.value)}`).join(', '),
		'is-services',
	);
	const scale = scaleOf(
		services.map((s) => s.value),
		minutes,
	);
	const row = (H - PAD.top) / Math.max(1, services.length);
	const left = Math.min(140, Math.round(f.w * 0.35));
	const room = f.w - left - 56;
	services.forEach((s, k) => {
		const y = PAD.top + k * row;
		const w = (room * Math.min(s.value, scale.max)) / scale.max;
		withText(
			el(f.svg, 'text', {
				cls: 'incident-rca-axis',
				attr: { x: left - 6, y: y + row * 0.6, 'text-anchor': 'end' },
			}),
			s.service.length > 20 ? s.service.slice(0, 19) + '…' : s.service,
		);
		const rect = el(f.svg, 'rect', {
			cls: `incident-rca-bar incident-rca-service${s.value > scale.max ? ' is-capped' : ''}`,
			attr: { x: left, y: y + row * 0.15, width: Math.max(1, w), height: row * 0.7 },
		});
		withText(el(rect, 'title'), `${s.service}: ${show(s.value)}`);
		withText(
			el(f.svg, 'text', { cls: 'incident-rca-axis', attr: { x: left + w + 4, y: y + row * 0.6 } }),
			`${s.value > scale.max ? '▶ ' : ''}${show(s.value)}`,
		);
	});
	return f.svg;
}

/** Action items of each month's incidents: done at the bottom, still open above. */
export function actionsPerMonthChart(width: number, months: MonthPoint[]): SvgNode {
	const open = months.reduce((n, m) => n + m.actionsOpen, 0);
	const done = months.reduce((n, m) => n + m.actionsDone, 0);
	const f = frame(
		width,
		'Action items by incident month: done and open',
		`${done} done and ${open} open action items, counted by the month of their incident.`,
		'is-actions',
	);
	const totals = months.map((m) => m.actionsOpen + m.actionsDone);
	const y = yAxis(f, scaleOf(totals, false, false), String);
	const { band, x } = bands(f, months.length);
	months.forEach((m, k) => {
		const parts: [string, number, number][] = [
			['is-done', 0, m.actionsDone],
			['is-open', m.actionsDone, m.actionsDone + m.actionsOpen],
		];
		for (const [cls, from, to] of parts) {
			if (to === from) continue;
			const rect = el(f.svg, 'rect', {
				cls: `incident-rca-bar incident-rca-actions ${cls}`,
				attr: { x: x(k) + band * 0.15, y: y(to), width: band * 0.7, height: y(from) - y(to) },
			});
			withText(el(rect, 'title'), `${m.month}: ${m.actionsDone} done, ${m.actionsOpen} open`);
		}
	});
	monthLabels(f, months, x, band);
	return f.svg;
}

/** The tree as SVG text, every attribute and text escaped (for a page written outside the app: the CLI's report). */
export function svgText(node: SvgNode): string {
	const attrs = Object.entries(node.attr)
		.map(([k, v]) => ` ${k}="${escapeMarkup(String(v))}"`)
		.join('');
	const cls = node.cls === null ? '' : ` class="${escapeMarkup(node.cls)}"`;
	const ns = node.tag === 'svg' ? ' xmlns="http://www.w3.org/2000/svg"' : '';
	const inner = (node.text === null ? '' : escapeMarkup(node.text)) + node.children.map(svgText).join('');
	return `<${node.tag}${ns}${cls}${attrs}>${inner}</${node.tag}>`;
}
