/**
 * The problems of one note, from the dashboard's problems cell: each with its message and line (the index keeps
 * only their codes, so the note is read again); a click opens the note at that line.
 */
import { Keymap, Modal, type App, TFile } from 'obsidian';
import type { Problem } from '../core';
import { incidentFromText } from './notes';

export class ProblemsModal extends Modal {
	constructor(
		app: App,
		private readonly path: string,
	) {
		super(app);
	}

	onOpen(): void {
		this.titleEl.setText('Problems');
		this.contentEl.addClass('incident-rca-problems');
		void this.fill();
	}

	private async fill(): Promise<void> {
		const file = this.app.vault.getFileByPath(this.path);
		if (!(file instanceof TFile)) {
			this.contentEl.createEl('p', { text: `${this.path} is gone.` });
			return;
		}
		const problems = incidentFromText(this.app, file, await this.app.vault.cachedRead(file)).problems;
		this.contentEl.createEl('p', { cls: 'incident-rca-muted', text: file.basename });
		if (problems.length === 0) {
			this.contentEl.createEl('p', { text: 'No problems now.' });
			return;
		}
		const list = this.contentEl.createEl('ul');
		for (const p of problems) this.item(list, file, p);
	}

	private item(list: HTMLElement, file: TFile, p: Problem): void {
		const li = list.createEl('li', { cls: `incident-rca-problem is-${p.level}` });
		li.createSpan({ cls: 'incident-rca-problem-level', text: p.level === 'error' ? 'Error' : 'Warning' });
		li.createSpan({ text: ` ${p.message}` });
		if (p.line === null) return;
		li.createSpan({ text: ' · ' });
		const link = li.createEl('a', { cls: 'incident-rca-line', text: `line ${p.line}`, attr: { href: '#' } });
		link.addEventListener('click', (e) => {
			e.preventDefault();
			this.close();
			void this.app.workspace
				.getLeaf(Keymap.isModEvent(e))
				.openFile(file, { eState: { line: (p.line as number) - 1 } });
		});
	}

	onClose(): void {
		this.contentEl.empty();
	}
}
