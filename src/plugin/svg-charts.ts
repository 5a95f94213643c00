/**
 * The dashboard's charts, drawn as SVG with theme colours from CSS classes (styles.css uses Obsidian variables).
 * Every chart has a text alternative (<title> and aria-label) so it is readable without sight.
 */
import type { MonthPoint } from '../core/views/dashboard';
import { maxOf } from '../core/text/math';

/** An SVG element with text content (SvgElementInfo has no `text`; setText never parses markup). */
function withText<T extends SVGElement>(el: T, text: string): T {
	el.setText(text);
	return el;
}

const W = 480;
const H = 160;
const PAD = { left: 36, right: 8, top: 8, bottom: 22 };

function svgRoot(parent: HTMLElement, label: string, cls: string): SVGSVGElement {
	const svg = parent.createSvg('svg', {
		cls: `incident-rca-chart ${cls}`,
		attr: { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, preserveAspectRatio: 'xMidYMid meet' },
	});
	withText(svg.createSvg('title'), label);
	return svg;
}

function axis(svg: SVGSVGElement, max: number, unit: string): void {
	for (const frac of [0, 0.5, 1]) {
		const y = PAD.top + (H - PAD.top - PAD.bottom) * (1 - frac);
		svg.createSvg('line', { cls: 'incident-rca-grid', attr: { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y } });
		withText(
			svg.createSvg('text', { cls: 'incident-rca-axis', attr: { x: PAD.left - 4, y: y + 3, 'text-anchor': 'end' } }),
			`${Math.round(max * frac)}${unit}`,
		);
	}
}

function monthLabels(svg: SVGSVGElement, months: MonthPoint[], x: (k: number) => number, band: number): void {
	const every = Math.max(1, Math.ceil(months.length / 8));
	months.forEach((m, k) => {
		if (k % every !== 0) return;
		withText(
			svg.createSvg('text', {
				cls: 'incident-rca-axis',
				attr: { x: x(k) + band / 2, y: H - 6, 'text-anchor': 'middle' },
			}),
			m.month,
		);
	});
}

/** Incidents per month, stacked by severity (most severe at the bottom). */
export function drawIncidentsPerMonth(parent: HTMLElement, months: MonthPoint[], severities: string[]): void {
	const svg = svgRoot(parent, `Incidents per month by severity, ${months.length} months`, 'is-per-month');
	const max = maxOf(
		months.map((m) => m.total),
		1,
	);
	axis(svg, max, '');
	const band = (W - PAD.left - PAD.right) / Math.max(1, months.length);
	const x = (k: number): number => PAD.left + k * band;
	const scale = (H - PAD.top - PAD.bottom) / max;
	months.forEach((m, k) => {
		let y = H - PAD.bottom;
		severities.forEach((sev, s) => {
			const n = m.bySeverity[sev] ?? 0;
			if (n === 0) return;
			const h = n * scale;
			y -= h;
			const rect = svg.createSvg('rect', {
				cls: `incident-rca-bar incident-rca-sev-${Math.min(s, 5)}`,
				attr: { x: x(k) + band * 0.15, y, width: band * 0.7, height: h },
			});
			withText(rect.createSvg('title'), `${m.month}: ${n} ${sev}`);
		});
	});
	monthLabels(svg, months, x, band);
}

/** Mean time to resolve per month (by the settings' definition), as bars in minutes. */
export function drawMttrPerMonth(parent: HTMLElement, months: MonthPoint[]): void {
	const svg = svgRoot(parent, 'Mean time to resolve per month, in minutes', 'is-mttr');
	const max = maxOf(
		months.map((m) => m.mttrMinutes ?? 0),
		1,
	);
	axis(svg, max, 'm');
	const band = (W - PAD.left - PAD.right) / Math.max(1, months.length);
	const x = (k: number): number => PAD.left + k * band;
	const scale = (H - PAD.top - PAD.bottom) / max;
	months.forEach((m, k) => {
		if (m.mttrMinutes === null) return;
		const h = m.mttrMinutes * scale;
		const rect = svg.createSvg('rect', {
			cls: 'incident-rca-bar incident-rca-mttr',
			attr: { x: x(k) + band * 0.2, y: H - PAD.bottom - h, width: band * 0.6, height: h },
		});
		withText(rect.createSvg('title'), `${m.month}: ${m.mttrMinutes} min`);
	});
	monthLabels(svg, months, x, band);
}

/** The services with the most incidents, as horizontal bars. */
export function drawTopServices(parent: HTMLElement, services: { service: string; count: number }[]): void {
	const svg = svgRoot(
		parent,
		`Top services by incidents: ${services.map((s) => `${s.service} ${s.count}`).join(', ')}`,
		'is-services',
	);
	const max = maxOf(
		services.map((s) => s.count),
		1,
	);
	const row = (H - PAD.top) / Math.max(1, services.length);
	const left = 130;
	services.forEach((s, k) => {
		const y = PAD.top + k * row;
		const w = ((W - left - 30) * s.count) / max;
		withText(
			svg.createSvg('text', {
				cls: 'incident-rca-axis',
				attr: { x: left - 6, y: y + row * 0.6, 'text-anchor': 'end' },
			}),
			s.service.length > 20 ? s.service.slice(0, 19) + '…' : s.service,
		);
		const rect = svg.createSvg('rect', {
			cls: 'incident-rca-bar incident-rca-service',
			attr: { x: left, y: y + row * 0.15, width: Math.max(1, w), height: row * 0.7 },
		});
		withText(rect.createSvg('title'), `${s.service}: ${s.count}`);
		withText(
			svg.createSvg('text', { cls: 'incident-rca-axis', attr: { x: left + w + 4, y: y + row * 0.6 } }),
			String(s.count),
		);
	});
}
