/**
 * The incident dashboard: summary, charts, and the incident table with filters, sorting, related incidents and
 * exports. Draws from the index's view model and re-draws only when the index revision moved and the view is shown.
 */
import {
	Keymap,
	Menu,
	normalizePath,
	Notice,
	Platform,
	TFile,
	type ViewStateResult,
	type WorkspaceLeaf,
} from 'obsidian';
import type { VaultIndexer } from './indexer';
import { readDashboardState, type DashboardState } from '../core/views/view-state';
import type { IndexedIncident } from '../core';
import {
	buildDashboard,
	EMPTY_FILTERS,
	NO_RELATED_INCIDENTS,
	relatedIncidents,
	RESPONSE_TIME_HEADERS,
	responseTimeCells,
	rowsToCsv,
	rowsToMarkdown,
	type DashboardFilters,
	type DashboardModel,
	type DashboardRow,
	type DashboardSort,
	type PeriodChange,
	type RelatedMap,
	type SortColumn,
} from '../core/views/dashboard';
import type { Change, Spread } from '../core/views/stats';
import { formatMinutes } from '../core/views/report';
import {
	columnOf,
	DASHBOARD_COLUMNS,
	fitColumns,
	tableColumns,
	TITLE_COLUMN,
	toggleColumn,
	type ColumnKey,
	type DashboardColumn,
} from '../core/views/columns';
import { uniquePath } from '../core/write/template';
import { IndexedView } from './indexed-view';
import { noticeWriteFailure } from './notices';
import { drawActionsPerMonth, drawIncidentsPerMonth, drawMttrPerMonth, drawTopServices } from './svg-charts';
import { VirtualList } from './virtual-list';
import { ProblemsModal } from './problems-modal';
import { viewWords } from './words';
import { ensureFolder } from './notes';
import { exportFolderOf, type IncidentRcaSettings } from './settings';

export const DASHBOARD_VIEW = 'incident-rca-dashboard';
const ROW_HEIGHT = 34;
/** A row as a card, on a narrow dashboard (styles.css has the same heights). */
const CARD_HEIGHT = 64;
/** Below this container width the dashboard is laid out for a phone. */
export const NARROW_PX = 600;
/** The response-time table lists this many services (most incidents first). */
const BREAKDOWN_SERVICES = 8;
/** The table is never shorter than this (a few rows): in a shorter pane the whole view scrolls. */
const MIN_TABLE_PX = 200;

export function todayIso(): string {
	const d = new Date();
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The list and window related incidents are worked out for. */
interface RelatedFor {
	incidents: readonly IndexedIncident[];
	windowDays: number;
}
type RelatedOf = RelatedFor & { map: RelatedMap };

function sameFor(a: RelatedFor | null, b: RelatedFor): boolean {
	return a !== null && a.incidents === b.incidents && a.windowDays === b.windowDays;
}

export class DashboardView extends IndexedView {
	filters: DashboardFilters = { ...EMPTY_FILTERS };
	sort: DashboardSort = { column: 'date', descending: true };
	model: DashboardModel | null = null;
	private incidents: IndexedIncident[] = [];
	/** Related incidents as worked out, and what for; a newer computation may be pending. */
	private related: RelatedOf | null = null;
	private pendingRelated: (RelatedFor & { timer: number }) | null = null;
	private list: VirtualList<DashboardRow> | null = null;
	private summaryEl!: HTMLElement;
	private chartsEl!: HTMLElement;
	private breakdownEl!: HTMLElement;
	private filtersEl!: HTMLElement;
	/** The table's columns: the settings' choice (tableColumns). */
	private columns: DashboardColumn[] = tableColumns(null);
	/** The index revision and column choice the widths were fitted for. */
	private fitted = '';
	private countEl!: HTMLElement;
	private emptyEl!: HTMLElement;
	private tableEl!: HTMLElement;
	private barEl!: HTMLElement;

	constructor(
		leaf: WorkspaceLeaf,
		indexer: VaultIndexer,
		settings: () => IncidentRcaSettings,
		/** Saves the settings (the chosen columns are kept there, for every dashboard). */
		private readonly saveSettings: () => Promise<void>,
	) {
		super(leaf, indexer, settings);
	}

	getViewType(): string {
		return DASHBOARD_VIEW;
	}

	getDisplayText(): string {
		return 'Incident dashboard';
	}

	getIcon(): string {
		return 'siren';
	}

	/** Filters, sort, the services chart's measure and the scroll, for the workspace layout. */
	getState(): Record<string, unknown> {
		const state: DashboardState = {
			filters: this.filters,
			sort: this.sort,
			serviceMeasure: this.serviceMeasure,
			breakdownBy: this.breakdownBy,
			scroll: this.list?.scrollEl.scrollTop ?? 0,
		};
		return { ...super.getState(), ...state };
	}

	async setState(state: unknown, result: ViewStateResult): Promise<void> {
		const saved = readDashboardState(state);
		if (saved.filters) this.filters = saved.filters;
		if (saved.sort) this.sort = saved.sort;
		if (saved.serviceMeasure) this.serviceMeasure = saved.serviceMeasure;
		if (saved.breakdownBy) this.breakdownBy = saved.breakdownBy;
		// The filter inputs are built once: built again, they show what was restored.
		this.filtersEl?.empty();
		this.refresh(true);
		if (saved.scroll !== undefined && this.list) this.list.scrollEl.scrollTop = saved.scroll;
		await super.setState(state, result);
	}

	protected build(): void {
		const root = this.contentEl;
		root.addClass('incident-rca-dashboard');
		this.summaryEl = root.createDiv({ cls: 'incident-rca-summary', attr: { role: 'group', 'aria-label': 'Summary' } });
		this.chartsEl = root.createDiv({ cls: 'incident-rca-charts' });
		this.breakdownEl = root.createDiv({ cls: 'incident-rca-breakdown' });
		// On a phone the filters fold into a bar above the cards; this button opens them.
		const toggle = root.createEl('button', {
			cls: 'incident-rca-filter-toggle',
			text: 'Filters',
			attr: { type: 'button', 'aria-expanded': 'false' },
		});
		this.filtersEl = root.createDiv({ cls: 'incident-rca-filters', attr: { role: 'search' } });
		toggle.addEventListener('click', () => {
			const open = !this.filtersEl.hasClass('is-open');
			this.filtersEl.toggleClass('is-open', open);
			toggle.setAttr('aria-expanded', String(open));
		});
		// Charts are drawn at their width: drawn again when the container's width changes (not the window's).
		const win = root.win as Window & { ResizeObserver?: typeof ResizeObserver };
		if (typeof win.ResizeObserver === 'function') {
			const observer = new win.ResizeObserver(() => {
				this.layoutFor(root.clientWidth);
				this.fitHeight();
				if (this.model && this.chartsEl.clientWidth !== this.chartsWidth) this.drawCharts(this.model);
			});
			observer.observe(this.chartsEl);
			observer.observe(root);
			this.register(() => observer.disconnect());
		}
		const bar = root.createDiv({ cls: 'incident-rca-tablebar' });
		this.barEl = bar;
		this.countEl = bar.createSpan({ cls: 'incident-rca-muted', attr: { 'aria-live': 'polite' } });
		const csv = bar.createEl('button', { text: 'Export CSV', attr: { type: 'button' } });
		csv.addEventListener('click', () => void this.exportCsv());
		const md = bar.createEl('button', { text: 'Export to note', attr: { type: 'button' } });
		md.addEventListener('click', () => void this.exportMarkdown());
		const chooser = bar.createEl('button', {
			text: 'Columns',
			cls: 'incident-rca-columns-button',
			attr: { type: 'button', 'aria-haspopup': 'menu' },
		});
		chooser.addEventListener('click', (e) => this.columnMenu().showAtMouseEvent(e));
		this.tableEl = root.createDiv({ cls: 'incident-rca-table' });
		this.list = new VirtualList<DashboardRow>(this.tableEl, {
			headerCls: 'incident-rca-thead',
			rowHeight: () => (this.narrow ? CARD_HEIGHT : ROW_HEIGHT),
			role: 'grid',
			label: 'Incidents',
			cls: 'incident-rca-rows',
			renderRow: (row, r) => this.renderRow(row, r),
			onActivate: (r, e) => this.openNote(r.path, e),
		});
		this.emptyEl = root.createDiv({ cls: 'incident-rca-empty' });
	}

	protected draw(indexChanged: boolean): void {
		// Incidents and their relations change with the index; filters and sorting only re-use them.
		if (indexChanged) this.incidents = this.indexer.index.all();
		this.scheduleRelated();
		this.drawModel(this.buildModel());
	}

	/**
	 * Related incidents are worked out after the paint that shows a new list (they take ~100 ms on 10,000 notes,
	 * twice the rest of the model): until then the rows show the relations worked out for the list before, none on
	 * the first paint. A redraw while one is pending (typing in the filter) does not put it off.
	 */
	private scheduleRelated(): void {
		const wanted: RelatedFor = { incidents: this.incidents, windowDays: this.settings().relatedWindowDays };
		if (sameFor(this.related, wanted) || sameFor(this.pendingRelated, wanted)) return;
		this.cancelRelated();
		const timer = this.contentEl.win.setTimeout(() => {
			this.pendingRelated = null;
			if (wanted.incidents !== this.incidents) return;
			this.related = { ...wanted, map: relatedIncidents(wanted.incidents, wanted.windowDays) };
			this.drawModel(this.buildModel());
		}, 0);
		this.pendingRelated = { ...wanted, timer };
	}

	private cancelRelated(): void {
		if (this.pendingRelated) this.contentEl.win.clearTimeout(this.pendingRelated.timer);
		this.pendingRelated = null;
	}

	async onClose(): Promise<void> {
		this.cancelRelated();
		return super.onClose();
	}

	private buildModel(): DashboardModel {
		const s = this.settings();
		this.model = buildDashboard(
			this.incidents,
			this.filters,
			this.sort,
			{
				definition: s.durationDefinition,
				relatedWindowDays: s.relatedWindowDays,
				today: todayIso(),
				words: viewWords(s),
				staleDays: s.staleDays,
			},
			this.related?.map ?? NO_RELATED_INCIDENTS,
		);
		return this.model;
	}

	private drawModel(m: DashboardModel): void {
		const empty = m.totalIncidents === 0;
		this.emptyEl.empty();
		this.emptyEl.toggleClass('is-hidden', !empty);
		this.summaryEl.toggleClass('is-hidden', empty);
		this.chartsEl.toggleClass('is-hidden', empty);
		this.breakdownEl.toggleClass('is-hidden', empty);
		this.filtersEl.toggleClass('is-hidden', empty);
		this.tableEl.toggleClass('is-hidden', empty);
		const unreadable = this.unreadableNote();
		if (empty) {
			this.emptyEl.createEl('h3', { text: this.indexer.ready ? 'No incidents yet' : 'Indexing incidents…' });
			if (unreadable)
				this.emptyEl.createEl('p', {
					text: `${unreadable.text}.`,
					cls: 'incident-rca-warning',
					attr: { title: unreadable.title },
				});
			this.emptyEl.createEl('p', {
				text: `Incident notes are notes in the "${this.settings().incidentsFolder}" folder, notes tagged ${this.settings()
					.incidentTags.map((t) => '#' + t)
					.join(
						', ',
					)}, or notes with incident frontmatter or a Timeline section. Create one with the "Create RCA note" command.`,
			});
			return;
		}
		this.drawSummary(m);
		this.drawCharts(m);
		this.drawBreakdown(m);
		this.drawFilters(m);
		this.fitTable(m.rows);
		this.fitHeight();
		this.drawHeader();
		const count =
			m.rows.length === m.totalIncidents
				? `${m.rows.length} incidents`
				: `${m.rows.length} of ${m.totalIncidents} incidents`;
		this.countEl.setText(unreadable ? `${count} · ${unreadable.text}` : count);
		if (unreadable) this.countEl.setAttr('title', unreadable.title);
		else this.countEl.removeAttribute('title');
		this.list?.setItems(m.rows);
	}

	private drawSummary(m: DashboardModel): void {
		const el = this.summaryEl;
		el.empty();
		const card = (label: string, value: string, cls = '', note: string | null = null): HTMLElement => {
			const c = el.createDiv({ cls: `incident-rca-card ${cls}` });
			c.createDiv({ cls: 'incident-rca-card-value', text: value });
			c.createDiv({ cls: 'incident-rca-card-label', text: label });
			if (note) c.createDiv({ cls: 'incident-rca-card-note', text: note });
			return c;
		};
		const change = m.summary.change;
		card('Incidents', String(m.summary.incidents), '', change ? changeText(change.incidents, String, change) : null);
		card('By severity', m.summary.bySeverity.map((s) => `${s.severity} ${s.count}`).join(' · ') || '—', 'is-breakdown');
		card('MTTR', formatMinutes(m.summary.mttrMinutes));
		const t = m.summary.times;
		const spread = (x: Spread): string =>
			x.count === 0 ? '—' : `${formatMinutes(x.median)} · p90 ${formatMinutes(x.p90)}`;
		card(
			'Time to resolve, median',
			spread(t.duration),
			'is-breakdown',
			change ? changeText(change.medianDuration, formatMinutes, change) : null,
		);
		card('Time to detect, median', spread(t.ttd), 'is-breakdown');
		card('Time to acknowledge, median', spread(t.tta), 'is-breakdown');
		card('Time to mitigate, median', spread(t.ttm), 'is-breakdown');
		const a = m.summary.actions;
		card(
			'Action items done',
			a.closureRate === null ? '—' : `${Math.round(a.closureRate * 100)}% of ${a.total}`,
			'',
			a.medianOpenAgeDays === null ? null : `open ones: median ${a.medianOpenAgeDays} days old`,
		);
		card('Open action items', String(m.summary.openActions));
		card('Overdue action items', String(m.summary.overdueActions), m.summary.overdueActions > 0 ? 'is-warning' : '');
		card(
			'Duration mismatches',
			String(m.summary.durationMismatches),
			m.summary.durationMismatches > 0 ? 'is-warning' : '',
		);
		// Postmortems left in draft or review: the card shows only those (and back) when clicked.
		const days = this.settings().staleDays;
		const stale = card(
			`In review over ${days} days`,
			String(m.summary.staleReviews),
			`is-clickable${m.summary.staleReviews > 0 ? ' is-warning' : ''}${this.filters.stale === 'yes' ? ' is-active' : ''}`,
		);
		stale.setAttr('role', 'button');
		stale.setAttr('tabindex', 0);
		stale.setAttr('aria-pressed', String(this.filters.stale === 'yes'));
		const toggleStale = (): void => this.setFilter('stale', this.filters.stale === 'yes' ? '' : 'yes');
		stale.addEventListener('click', toggleStale);
		stale.addEventListener('keydown', (e) => {
			if (e.key === 'Enter' || e.key === ' ') {
				e.preventDefault();
				toggleStale();
			}
		});
	}

	private drawCharts(m: DashboardModel): void {
		this.chartsEl.empty();
		const severities = m.choices.severities;
		const box = (title: string): HTMLElement => {
			const b = this.chartsEl.createDiv({ cls: 'incident-rca-chartbox' });
			b.createDiv({ cls: 'incident-rca-chart-title', text: title });
			return b;
		};
		const legend = (parent: HTMLElement, items: [string, string][]): void => {
			const el = parent.createDiv({ cls: 'incident-rca-legend' });
			for (const [cls, label] of items) {
				const item = el.createSpan({ cls: 'incident-rca-legend-item' });
				item.createSpan({ cls: `incident-rca-swatch ${cls}` });
				item.createSpan({ text: label });
			}
		};
		// On a phone one chart at a time, chosen here (the menu shows only there).
		const chooser = this.chartsEl.createEl('select', {
			cls: 'dropdown incident-rca-chart-chooser',
			attr: { 'aria-label': 'Chart' },
		});
		// Every box first, then the charts: each is drawn at its box's width, which the grid sets only once all are in.
		const perMonth = box('Incidents per month');
		const mttr = box('Time to resolve per month');
		// Eight services of one incident each say nothing: the chart is left out until one recurs.
		const services = m.topServices.some((s) => s.count > 1) ? box('Top services') : null;
		const actions = box('Action items by incident month');
		const boxes = [perMonth, mttr, ...(services ? [services] : []), actions];
		if (this.chartIndex >= boxes.length) this.chartIndex = 0;
		boxes.forEach((b, k) => {
			chooser.createEl('option', {
				value: String(k),
				text: b.querySelector('.incident-rca-chart-title')?.textContent ?? '',
			});
			b.toggleClass('is-current', k === this.chartIndex);
		});
		chooser.value = String(this.chartIndex);
		chooser.addEventListener('change', () => {
			this.chartIndex = Number(chooser.value);
			boxes.forEach((b, k) => b.toggleClass('is-current', k === this.chartIndex));
			// Drawn again at the width the shown box now has.
			this.drawCharts(m);
		});
		drawIncidentsPerMonth(perMonth, m.months, severities);
		legend(
			perMonth,
			severities.map((s, k) => [`incident-rca-sev-${Math.min(k, 5)}`, s]),
		);
		drawMttrPerMonth(mttr, m.months);
		legend(mttr, [
			['incident-rca-mttr', 'Median'],
			['incident-rca-p90', 'p90'],
		]);
		if (services) {
			toggleGroup(
				services,
				'Measure',
				[
					['count', 'By incidents'],
					['minutes', 'By minutes'],
				],
				this.serviceMeasure,
				(measure) => {
					this.serviceMeasure = measure;
					this.drawCharts(m);
				},
			);
			drawTopServices(
				services,
				this.serviceMeasure === 'count'
					? m.topServices.map((s) => ({ service: s.service, value: s.count }))
					: m.topServicesByMinutes.map((s) => ({ service: s.service, value: s.minutes })),
				this.serviceMeasure === 'minutes',
			);
		}
		drawActionsPerMonth(actions, m.months);
		this.chartsWidth = this.chartsEl.clientWidth;
		legend(actions, [
			['incident-rca-actions is-done', 'Done'],
			['incident-rca-actions is-open', 'Open'],
		]);
	}

	/** What the response-time table groups by. */
	breakdownBy: 'severity' | 'service' = 'severity';

	/** Median and p90 of each response time per severity or per service, for the incidents shown. */
	private drawBreakdown(m: DashboardModel): void {
		const el = this.breakdownEl;
		el.empty();
		const head = el.createDiv({ cls: 'incident-rca-breakdown-head' });
		head.createDiv({ cls: 'incident-rca-chart-title', text: 'Response times' });
		toggleGroup(
			head,
			'Group by',
			[
				['severity', 'By severity'],
				['service', 'By service'],
			],
			this.breakdownBy,
			(by) => {
				this.breakdownBy = by;
				this.drawBreakdown(m);
			},
		);
		const groups = this.breakdownBy === 'severity' ? m.bySeverity : m.byService.slice(0, BREAKDOWN_SERVICES);
		const scroll = el.createDiv({ cls: 'incident-rca-breakdown-scroll' });
		const table = scroll.createEl('table', { cls: 'incident-rca-breakdown-table' });
		table.createEl('caption', {
			text: `Median · p90 of each time, ${this.breakdownBy === 'severity' ? 'per severity' : `for the ${groups.length} services with most incidents`}`,
		});
		const tr = table.createEl('thead').createEl('tr');
		for (const h of [this.breakdownBy === 'severity' ? 'Severity' : 'Service', ...RESPONSE_TIME_HEADERS])
			tr.createEl('th', { text: h, attr: { scope: 'col' } });
		const body = table.createEl('tbody');
		for (const g of groups) {
			const row = body.createEl('tr');
			row.createEl('th', { text: g.key, attr: { scope: 'row' } });
			for (const cell of responseTimeCells(g)) row.createEl('td', { text: cell });
		}
	}

	/** Laid out for a phone: the container (not the window) is narrower than NARROW_PX. */
	narrow = false;
	/** The chart shown on a phone, one at a time. */
	chartIndex = 0;

	/** Switches between the wide and the phone layout for a container width; rows change height with it. */
	layoutFor(width: number): void {
		// Not measured yet (a view opening in a drawer): a phone is narrow.
		const narrow = width > 0 ? width < NARROW_PX : Platform.isPhone;
		if (narrow === this.narrow) return;
		this.narrow = narrow;
		this.contentEl.toggleClass('is-narrow', narrow);
		if (this.model) this.list?.setItems(this.model.rows);
	}

	/** What the top-services chart measures: incidents, or incident minutes. */
	serviceMeasure: 'count' | 'minutes' = 'count';
	/** The charts' width when last drawn: a resize (the pane, a sidebar, a phone turned) draws them again. */
	private chartsWidth = -1;

	private drawFilters(m: DashboardModel): void {
		const el = this.filtersEl;
		if (el.childElementCount > 0) {
			// Keep the inputs (and the focus in them); only the menus' options follow the data.
			this.fillSelect(el.querySelector('select[data-filter="severity"]'), m.choices.severities, this.filters.severity);
			this.fillSelect(el.querySelector('select[data-filter="service"]'), m.choices.services, this.filters.service);
			this.fillSelect(el.querySelector('select[data-filter="status"]'), m.choices.statuses, this.filters.status);
			this.fillSelect(el.querySelector('select[data-filter="problem"]'), m.choices.problems, this.filters.problem);
			return;
		}
		const text = el.createEl('input', {
			type: 'search',
			placeholder: 'Filter incidents…',
			attr: {
				'aria-label': 'Filter incidents by text',
				title: 'Searches titles, services, IDs, paths, and the start of summaries, root causes and lessons learned',
				'data-filter': 'text',
			},
		});
		text.value = this.filters.text;
		text.addEventListener('input', () => this.setFilter('text', text.value));
		for (const [key, label, options] of [
			['severity', 'Severity', m.choices.severities],
			['service', 'Service', m.choices.services],
			['status', 'Status', m.choices.statuses],
			['problem', 'Problem', m.choices.problems],
		] as const) {
			const select = el.createEl('select', { cls: 'dropdown', attr: { 'aria-label': label, 'data-filter': key } });
			this.fillSelect(select, options, this.filters[key], label);
			select.addEventListener('change', () => this.setFilter(key, select.value));
		}
		for (const [key, label] of [
			['from', 'From'],
			['to', 'To'],
		] as const) {
			const wrap = el.createEl('label', { cls: 'incident-rca-date', text: label });
			const input = wrap.createEl('input', {
				type: 'date',
				attr: { 'aria-label': `${label} date`, 'data-filter': key },
			});
			input.value = this.filters[key];
			input.addEventListener('change', () => this.setFilter(key, input.value));
		}
		const clear = el.createEl('button', { text: 'Clear filters', attr: { type: 'button' } });
		clear.addEventListener('click', () => {
			this.filters = { ...EMPTY_FILTERS };
			el.empty();
			this.refresh(true);
		});
	}

	/** A filter menu: "Any …", then the options (a value, or a value and its label). */
	private fillSelect(
		select: HTMLSelectElement | null,
		options: readonly (string | readonly [string, string])[],
		value: string,
		label?: string,
	): void {
		if (!select) return;
		const all = label ?? select.getAttribute('aria-label') ?? '';
		select.empty();
		select.createEl('option', { value: '', text: `Any ${all.toLowerCase()}` });
		const values: string[] = [];
		for (const o of options) {
			const [v, text] = typeof o === 'string' ? [o, o] : o;
			select.createEl('option', { value: v, text });
			values.push(v);
		}
		select.value = values.includes(value) ? value : '';
	}

	setFilter(key: keyof DashboardFilters, value: string): void {
		this.filters = { ...this.filters, [key]: value };
		this.refresh(true);
	}

	setSort(column: SortColumn): void {
		this.sort =
			this.sort.column === column
				? { column, descending: !this.sort.descending }
				: { column, descending: columnOf(column).descendingFirst === true };
		this.refresh(true);
	}

	/**
	 * The table as tall as the view: scrolled down to it, its bar and rows fill the view, the header at the top.
	 * (A fixed share of the window left rows cut off above empty space, or a short table in a tall view.)
	 */
	fitHeight(): void {
		const root = this.contentEl;
		if (root.clientHeight === 0) return;
		const style = root.win.getComputedStyle(root);
		const px = (v: string): number => Number.parseFloat(v) || 0;
		const room =
			root.clientHeight - px(style.paddingTop) - px(style.paddingBottom) - px(style.rowGap) - this.barEl.offsetHeight;
		// Never below a few rows: in a short pane the view scrolls instead.
		const height = `${Math.max(MIN_TABLE_PX, Math.floor(room))}px`;
		if (height !== this.tableHeight) {
			this.tableHeight = height;
			this.tableEl.setCssProps({ '--incident-rca-table-height': height });
			this.list?.render();
		}
	}

	private tableHeight = '';

	/** A menu of every column of the registry, the shown ones ticked; the choice is saved in the settings. */
	columnMenu(): Menu {
		const menu = new Menu();
		const shown = new Set(this.columns.map((c) => c.key));
		for (const c of DASHBOARD_COLUMNS)
			menu.addItem((item) =>
				item
					.setTitle(c.label)
					.setChecked(shown.has(c.key))
					.setDisabled(c.key === TITLE_COLUMN)
					.onClick(() => void this.setColumns(toggleColumn(this.settings().tableColumns, c.key))),
			);
		menu.addSeparator();
		menu.addItem((item) => item.setTitle('Default columns').onClick(() => void this.setColumns([])));
		return menu;
	}

	async setColumns(keys: ColumnKey[]): Promise<void> {
		this.settings().tableColumns = keys;
		await this.saveSettings();
		this.refresh(true);
	}

	/**
	 * The columns of the settings, each as wide as its content between its bounds: fitted to the rows shown when the
	 * index or the chosen columns change, not on every filter keystroke (every cell's text is measured).
	 */
	private fitTable(rows: readonly DashboardRow[]): void {
		const chosen = this.settings().tableColumns;
		const stamp = `${this.indexer.index.revision}|${chosen.join(',')}`;
		if (stamp === this.fitted) return;
		this.fitted = stamp;
		this.columns = tableColumns(chosen);
		const { template, minWidth } = fitColumns(this.columns, rows, 'var(--size-4-2)');
		this.tableEl.setCssProps({ '--incident-rca-columns': template, '--incident-rca-min-width': minWidth });
	}

	private drawHeader(): void {
		const h = this.list?.headerEl;
		if (!h) return;
		h.empty();
		for (const c of this.columns) {
			if (!c.sort) {
				h.createDiv({ cls: `incident-rca-th is-${c.key}`, text: c.label, attr: { role: 'columnheader' } });
				continue;
			}
			const key = c.key as SortColumn;
			const sorted = this.sort.column === key;
			const cell = h.createDiv({
				cls: `incident-rca-th is-${c.key}`,
				attr: {
					role: 'columnheader',
					'aria-sort': sorted ? (this.sort.descending ? 'descending' : 'ascending') : 'none',
				},
			});
			const b = cell.createEl('button', {
				text: c.label + (sorted ? (this.sort.descending ? ' ↓' : ' ↑') : ''),
				attr: { type: 'button', 'aria-label': `Sort by ${c.label.toLowerCase()}` },
			});
			b.addEventListener('click', () => this.setSort(key));
		}
	}

	private renderRow(row: HTMLElement, r: DashboardRow): void {
		row.addClass('incident-rca-tr');
		if (r.errors > 0) row.addClass('has-errors');
		for (const c of this.columns) {
			const el = row.createDiv({ cls: `incident-rca-td is-${c.key}`, attr: { role: 'gridcell' } });
			const decorate = this.cells[c.key as ColumnKey];
			if (decorate) decorate(el, r, c);
			else el.setText(c.text(r));
		}
	}

	/** Cells that are more than their text: a link, a flag, a warning. The rest show the column's text. */
	private readonly cells: Partial<Record<ColumnKey, (el: HTMLElement, r: DashboardRow, c: DashboardColumn) => void>> = {
		title: (el, r, c) => {
			const link = el.createEl('a', {
				text: c.text(r),
				cls: 'internal-link',
				href: '#',
				attr: { 'data-href': r.path },
			});
			link.addEventListener('click', (e) => {
				e.preventDefault();
				this.openNote(r.path, e);
			});
			link.addEventListener('mouseover', (e) => {
				this.app.workspace.trigger('hover-link', {
					event: e,
					source: DASHBOARD_VIEW,
					hoverParent: this,
					targetEl: link,
					linktext: r.path,
				});
			});
			if (r.recurring)
				el.createSpan({
					cls: 'incident-rca-flag',
					text: 'recurring',
					attr: { title: 'Another incident hit the same service shortly before' },
				});
		},
		severity: (el, r, c) => {
			el.setText(c.text(r));
			el.addClass('incident-rca-sevtext');
		},
		duration: (el, r, c) => {
			el.setText(c.text(r));
			if (r.durationMismatch) {
				el.addClass('is-warning');
				el.setAttr('title', 'The declared duration disagrees with the timeline');
			}
		},
		openActions: (el, r, c) => {
			el.setText(c.text(r));
			if (r.overdueActions > 0) {
				el.addClass('is-warning');
				el.setAttr('title', `${r.overdueActions} overdue`);
			}
		},
		problems: (el, r, c) => {
			el.setText(c.text(r));
			if (r.errors > 0) el.addClass('is-error');
			if (r.problems === 0) return;
			// The count opens the list of the note's problems (not the note, as the rest of the row does).
			el.addClass('is-clickable');
			el.setAttr('title', 'Show the problems');
			el.setAttr('aria-label', `${r.problems} problems: show them`);
			el.addEventListener('click', (e) => {
				e.stopPropagation();
				new ProblemsModal(this.app, r.path).open();
			});
		},
		related: (el, r, c) => {
			el.setText(c.text(r));
			if (r.related.length > 0) el.setAttr('title', r.related.map((x) => `${x.title} (${x.why})`).join('\n'));
		},
	};

	/** Opens a note; Ctrl/Cmd-click (or Ctrl/Cmd-Enter) opens it in a new tab. */
	openNote(path: string, e: MouseEvent | KeyboardEvent): void {
		const file = this.app.vault.getFileByPath(path);
		if (file instanceof TFile) void this.app.workspace.getLeaf(Keymap.isModEvent(e)).openFile(file);
	}

	/** The export folder of the settings, made when missing: the exports never land in the vault root by default. */
	private async exportFolder(): Promise<string> {
		const folder = normalizePath(exportFolderOf(this.settings()));
		await ensureFolder(this.app, folder);
		return folder === '/' ? '' : folder;
	}

	private async exportCsv(): Promise<void> {
		if (!this.model) return;
		let path = '';
		try {
			path = uniquePath(
				await this.exportFolder(),
				`Incident dashboard ${todayIso()}`,
				(p) => this.app.vault.getAbstractFileByPath(p) !== null,
				'csv',
			);
			await this.app.vault.create(normalizePath(path), rowsToCsv(this.model.rows));
			new Notice(`Exported ${this.model.rows.length} incidents to ${path}`);
		} catch (e) {
			noticeWriteFailure(`The export to ${path} failed`, e);
		}
	}

	private async exportMarkdown(): Promise<void> {
		if (!this.model) return;
		let path = '';
		try {
			path = uniquePath(
				await this.exportFolder(),
				`Incident dashboard ${todayIso()}`,
				(p) => this.app.vault.getAbstractFileByPath(p) !== null,
			);
			const file = await this.app.vault.create(
				normalizePath(path),
				rowsToMarkdown(this.model.rows, `Incident dashboard ${todayIso()}`),
			);
			await this.app.workspace.getLeaf(true).openFile(file);
		} catch (e) {
			noticeWriteFailure(`The export to ${path} failed`, e);
		}
	}
}

/** A row of buttons of which one is pressed: what a chart or table measures or groups by. */
function toggleGroup<T extends string>(
	parent: HTMLElement,
	label: string,
	options: readonly (readonly [T, string])[],
	current: T,
	pick: (value: T) => void,
): void {
	const group = parent.createDiv({ cls: 'incident-rca-toggle', attr: { role: 'group', 'aria-label': label } });
	for (const [value, text] of options) {
		const b = group.createEl('button', {
			text,
			attr: { type: 'button', 'aria-pressed': String(current === value) },
		});
		b.toggleClass('is-active', current === value);
		b.addEventListener('click', () => pick(value));
	}
}

/** "↑ 2 (+100%) vs 29 Jan–28 Feb": a change against the previous period, or that there is none to compare. */
export function changeText(c: Change | null, show: (v: number) => string, period: PeriodChange): string {
	const when = `vs ${period.previousFrom} – ${period.previousTo}`;
	if (!c) return `no figure ${when}`;
	if (c.delta === 0) return `= ${when}`;
	const pct = c.ratio === null ? '' : ` (${c.ratio > 0 ? '+' : '−'}${Math.round(Math.abs(c.ratio) * 100)}%)`;
	return `${c.delta > 0 ? '↑' : '↓'} ${show(Math.abs(c.delta))}${pct} ${when}`;
}
