/**
 * A list that renders only the rows in view, so 10,000 incidents or 50,000 action items scroll smoothly.
 * Each row's height is known before it is drawn (a fixed height, or one per item: compact group headers); keyboard:
 * arrows, Page up/down, Home/End move the focused row, Enter activates it.
 */

export interface VirtualListOptions<T> {
	/** Pixels per row, or per item (its row's CSS height must be the same). */
	rowHeight: number | ((item: T) => number);
	/** ARIA role of the scroll container ("grid" or "list") and of each row ("row" or "listitem"). */
	role: 'grid' | 'list';
	label: string;
	cls: string;
	renderRow: (row: HTMLElement, item: T, index: number) => void;
	onActivate?: (item: T, evt: KeyboardEvent | MouseEvent) => void;
	/** Rows that cannot take focus (group headers). */
	focusable?: (item: T) => boolean;
	/** A header row's class: the row is drawn inside the scroll box, sticky at its top, and scrolls sideways with the rows. */
	headerCls?: string;
}

const OVERSCAN = 8;
/** Rows drawn when the container has no size yet (hidden, or a test DOM without layout). */
const FALLBACK_ROWS = 60;

export class VirtualList<T> {
	readonly scrollEl: HTMLElement;
	/** The sticky header row (headerCls), or null. */
	readonly headerEl: HTMLElement | null;
	private readonly spacer: HTMLElement;
	private readonly windowEl: HTMLElement;
	private items: T[] = [];
	/** Where each row starts, and after the last the total height: tops[i] … tops[i + 1] is row i. */
	private tops: number[] = [0];
	private focused = 0;
	private frame: number | null = null;

	constructor(
		parent: HTMLElement,
		private readonly o: VirtualListOptions<T>,
	) {
		this.scrollEl = parent.createDiv({
			cls: `incident-rca-vlist ${o.cls}`,
			attr: { role: o.role, 'aria-label': o.label, tabindex: 0 },
		});
		this.headerEl = o.headerCls
			? this.scrollEl.createDiv({
					cls: `incident-rca-vlist-header ${o.headerCls}`,
					attr: { role: 'row', 'aria-rowindex': 1 },
				})
			: null;
		this.spacer = this.scrollEl.createDiv({ cls: 'incident-rca-vlist-spacer' });
		this.windowEl = this.spacer.createDiv({ cls: 'incident-rca-vlist-window', attr: { role: 'rowgroup' } });
		this.scrollEl.addEventListener('scroll', () => this.schedule());
		this.scrollEl.addEventListener('keydown', (e) => this.onKey(e));
		this.scrollEl.addEventListener('focus', (e) => {
			if (e.target === this.scrollEl) this.focusRow(this.focused);
		});
	}

	get length(): number {
		return this.items.length;
	}

	setItems(items: T[]): void {
		this.items = items;
		this.focused = Math.min(this.focused, Math.max(0, items.length - 1));
		this.scrollEl.setAttr('aria-rowcount', items.length);
		const height = this.o.rowHeight;
		const tops = new Array<number>(items.length + 1);
		tops[0] = 0;
		for (let i = 0; i < items.length; i++)
			tops[i + 1] = tops[i] + (typeof height === 'number' ? height : height(items[i]));
		this.tops = tops;
		this.spacer.setCssProps({ '--incident-rca-total': `${tops[items.length]}px` });
		this.render();
	}

	/** The row at a pixel offset (the last row that starts at or above it). */
	private rowAt(y: number): number {
		let lo = 0;
		let hi = this.items.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.tops[mid] <= y) lo = mid;
			else hi = mid - 1;
		}
		return Math.max(0, lo);
	}

	/** A typical row's height: for page steps and the fallback viewport. */
	private typicalHeight(): number {
		const n = this.items.length;
		return n > 0 ? this.tops[n] / n : typeof this.o.rowHeight === 'number' ? this.o.rowHeight : 40;
	}

	private schedule(): void {
		if (this.frame !== null) return;
		// The window the list is drawn in: a popout window's when the view was moved into one.
		this.frame = this.scrollEl.win.requestAnimationFrame(() => {
			this.frame = null;
			this.render();
		});
	}

	/** The header's height: the rows start below it, and it covers the top of the scroll box. */
	private get headerHeight(): number {
		return this.headerEl?.offsetHeight ?? 0;
	}

	/** Draws the rows in view (plus a margin); the rest do not exist in the DOM. */
	render(): void {
		const header = this.headerHeight;
		const viewport = Math.max(0, this.scrollEl.clientHeight - header) || this.typicalHeight() * FALLBACK_ROWS;
		const top = Math.max(0, this.scrollEl.scrollTop - header);
		const start = Math.max(0, this.rowAt(top) - OVERSCAN);
		const end = Math.min(this.items.length, this.rowAt(top + viewport) + 1 + OVERSCAN);
		this.windowEl.empty();
		this.windowEl.setCssProps({ '--incident-rca-offset': `${this.tops[start]}px` });
		for (let i = start; i < end; i++) {
			const item = this.items[i];
			const row = this.windowEl.createDiv({
				cls: 'incident-rca-vrow',
				attr: {
					role: this.o.role === 'grid' ? 'row' : 'listitem',
					'data-index': i,
					'aria-rowindex': i + 2,
					tabindex: i === this.focused ? 0 : -1,
				},
			});
			this.o.renderRow(row, item, i);
			row.addEventListener('click', () => (this.focused = i));
		}
	}

	private canFocus(i: number): boolean {
		return i >= 0 && i < this.items.length && (this.o.focusable?.(this.items[i]) ?? true);
	}

	/** Moves focus to row i, scrolling it into view and drawing it first when needed. */
	focusRow(i: number): void {
		if (this.items.length === 0) return;
		let target = Math.max(0, Math.min(this.items.length - 1, i));
		const step = target >= this.focused ? 1 : -1;
		while (!this.canFocus(target) && target + step >= 0 && target + step < this.items.length) target += step;
		this.focused = target;
		// In the scroll box's coordinates: the rows start below the header, which covers the box's top.
		const header = this.headerHeight;
		const top = this.tops[target] + header;
		const h = this.tops[target + 1] - this.tops[target];
		const viewport = this.scrollEl.clientHeight;
		if (viewport > 0) {
			if (top - header < this.scrollEl.scrollTop) this.scrollEl.scrollTop = top - header;
			else if (top + h > this.scrollEl.scrollTop + viewport) this.scrollEl.scrollTop = top + h - viewport;
		}
		this.render();
		this.windowEl.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus();
	}

	private onKey(e: KeyboardEvent): void {
		if (
			(e.target as HTMLElement).closest('input, select, textarea, button') &&
			e.key !== 'ArrowDown' &&
			e.key !== 'ArrowUp'
		)
			return;
		const typical = this.typicalHeight();
		const page = Math.max(1, Math.floor((this.scrollEl.clientHeight || typical * 10) / typical) - 1);
		const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
		if (e.key in moves) this.focusRow(this.focused + moves[e.key]);
		else if (e.key === 'Home') this.focusRow(0);
		else if (e.key === 'End') this.focusRow(this.items.length - 1);
		else if (e.key === 'Enter' && this.canFocus(this.focused)) this.o.onActivate?.(this.items[this.focused], e);
		else return;
		e.preventDefault();
	}
}
