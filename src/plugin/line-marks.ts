/**
 * Marks in the editor the lines the parser took as timeline rows and as action items: a CodeMirror 6 view plugin
 * (registered with registerEditorExtension) that re-reads the note a moment after typing stops. Lines get a class
 * only; nothing of the note is inserted.
 */
import { RangeSetBuilder, StateEffect, type EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';

/** What the marks need from the plugin: whether they are on, and the lines of a note's rows and items. */
export interface LineMarksHost {
	/** The setting; read on every rebuild, so turning it off clears the marks at the next change. */
	enabled(): boolean;
	/** The note in this editor, or null (a canvas card, a note not yet saved). */
	pathOf(state: EditorState): string | null;
	/** 1-based lines of the timeline rows and the action items, or null when the note is not an incident. */
	linesOf(text: string, path: string): { rowLines: readonly number[]; itemLines: readonly number[] } | null;
}

/** A pause in typing before the note is read again: re-reading on every keystroke would slow typing in long notes. */
export const LINE_MARKS_DELAY_MS = 400;

export const ROW_CLASS = 'incident-rca-line-row';
export const ITEM_CLASS = 'incident-rca-line-item';

const ROW = Decoration.line({ class: ROW_CLASS });
const ITEM = Decoration.line({ class: ITEM_CLASS });

/** Tells the view that the marks were rebuilt (outside an update), so it draws them. */
const marksRebuilt = StateEffect.define<null>();

function decorationsOf(view: EditorView, host: LineMarksHost): DecorationSet {
	if (!host.enabled()) return Decoration.none;
	const path = host.pathOf(view.state);
	if (path === null) return Decoration.none;
	const doc = view.state.doc;
	const lines = host.linesOf(doc.toString(), path);
	if (!lines) return Decoration.none;
	const kind = new Map<number, Decoration>();
	for (const n of lines.rowLines) kind.set(n, ROW);
	for (const n of lines.itemLines) if (!kind.has(n)) kind.set(n, ITEM);
	const builder = new RangeSetBuilder<Decoration>();
	// In line order, as RangeSetBuilder wants them; a line past the end (the note changed since) is skipped.
	for (const n of [...kind.keys()].sort((a, b) => a - b))
		if (n >= 1 && n <= doc.lines) builder.add(doc.line(n).from, doc.line(n).from, kind.get(n) as Decoration);
	return builder.finish();
}

/** The editor extension: line classes on the parsed rows and items of incident notes. */
export function lineMarks(host: LineMarksHost): Extension {
	return ViewPlugin.fromClass(
		class {
			decorations: DecorationSet;
			private timer: number | null = null;

			constructor(private readonly view: EditorView) {
				this.decorations = decorationsOf(view, host);
			}

			update(u: ViewUpdate): void {
				if (!u.docChanged) return;
				// Until the note is read again, the marks move with the text they were on.
				this.decorations = this.decorations.map(u.changes);
				this.schedule();
			}

			private schedule(): void {
				const win = this.view.dom.win;
				if (this.timer !== null) win.clearTimeout(this.timer);
				this.timer = win.setTimeout(() => {
					this.timer = null;
					this.decorations = decorationsOf(this.view, host);
					this.view.dispatch({ effects: marksRebuilt.of(null) });
				}, LINE_MARKS_DELAY_MS);
			}

			destroy(): void {
				if (this.timer !== null) this.view.dom.win.clearTimeout(this.timer);
			}
		},
		{ decorations: (v) => v.decorations },
	);
}
