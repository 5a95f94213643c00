/**
 * The dashboard's charts in the view: the chart trees of core/views/charts.ts drawn as DOM elements, each at the
 * width of the box it is shown in (so its text is the UI's small font, not scaled down).
 */
import type { MonthPoint } from '../core/views/dashboard';
import {
	actionsPerMonthChart,
	incidentsPerMonthChart,
	mttrPerMonthChart,
	topServicesChart,
	type SvgNode,
} from '../core/views/charts';

/** The tree as SVG elements under `parent` (createSvg; text through setText, never parsed as markup). */
function draw(parent: HTMLElement | SVGElement, node: SvgNode): void {
	const el = parent.createSvg(node.tag as keyof SVGElementTagNameMap, {
		cls: node.cls ?? undefined,
		attr: node.attr,
	});
	if (node.text !== null) el.setText(node.text);
	for (const child of node.children) draw(el, child);
}

export function drawIncidentsPerMonth(parent: HTMLElement, months: MonthPoint[], severities: string[]): void {
	draw(parent, incidentsPerMonthChart(parent.clientWidth, months, severities));
}

export function drawMttrPerMonth(parent: HTMLElement, months: MonthPoint[]): void {
	draw(parent, mttrPerMonthChart(parent.clientWidth, months));
}

export function drawTopServices(
	parent: HTMLElement,
	services: readonly { service: string; value: number }[],
	minutes: boolean,
): void {
	draw(parent, topServicesChart(parent.clientWidth, services, minutes));
}

export function drawActionsPerMonth(parent: HTMLElement, months: MonthPoint[]): void {
	draw(parent, actionsPerMonthChart(parent.clientWidth, months));
}
