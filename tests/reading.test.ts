/**
 * Layouts of real postmortems the parser once misread, each in a note written for the test (never a copied text):
 * what a careful reader takes from it is written here by hand. `incident-rca explain` shows each line as read.
 */
import { run } from '../src/cli/main';
import { explainNote } from '../src/core/views/explain';
import { parseNote } from '../src/core/read/parse';
import { dedent, parse, parseYaml } from './helpers';

describe('a code span written with three backticks on one line', () => {
	it('is inline code, not a fence that swallows the rest of the note', () => {
		const i = parse(`
			# Cert outage
			- **Identified**: users saw
			\`\`\`Hostname does not match the certificate\`\`\`

			## Action items
			- [ ] Monitor the certificate's names @sam
		`);
		expect(i.actionItems.map((a) => [a.action, a.owner])).toEqual([["Monitor the certificate's names", 'sam']]);
	});
	it('while a fence with a plain info string still is one', () => {
		const i = parse(`
			# T
			\`\`\`text
			## Action items
			- [ ] not an item
			\`\`\`
		`);
		expect(i.actionItems).toEqual([]);
	});
});

describe('setext headings', () => {
	const note = `
		Search indexer lag (March 2025)
		===============================

		Root cause
		----------
		A join without an index.

		Follow-ups
		----------
		- Index the join column
		- Run migrations against the replica first
	`;
	it('give the title and the sections', () => {
		const i = parse(note, { path: 'x.md' });
		expect(i.title).toBe('Search indexer lag (March 2025)');
		expect(i.rootCause).toBe('A join without an index.');
		expect(i.actionItems.map((a) => a.action)).toEqual([
			'Index the join column',
			'Run migrations against the replica first',
		]);
	});
	it('but a rule under a sentence in running text stays a rule', () => {
		const i = parse(`
			# Title

			We fixed it quickly, as described above.
			---
			## Follow-ups
			- Alert on lag
		`);
		expect(i.actionItems.map((a) => a.action)).toEqual(['Alert on lag']);
		expect(i.title).toBe('Title');
	});
});

describe('actions written as titled items', () => {
	const note = `
		# Persons table outage
		## Remediation
		### Immediate actions (completed)
		1. **Root cause discovery and isolation**

		   We engaged the database vendor to look at:

		- Query plans
		- Disk read amplification

		2. **Migrate to a partitioned table**
		- Created the new table
		- Backfilled the rows

		### Planned actions
		1. **Alert on TOAST table growth**
		- per table
		2. **Runbook for engine limits**
	`;
	it('take each titled item once, its bullets as its details, done by its heading', () => {
		const i = parse(note);
		expect(i.actionItems.map((a) => [a.action, a.done])).toEqual([
			['Root cause discovery and isolation', true],
			['Migrate to a partitioned table', true],
			['Alert on TOAST table growth', false],
			['Runbook for engine limits', false],
		]);
	});
	it('a bold label with a colon still heads the list under it', () => {
		const i = parse(`
			**Corrective measures:**
			- **Tasks to address the issue:**
			  1. Add a lag alert
			  2. Shard the queue
		`);
		expect(i.actionItems.map((a) => a.action)).toEqual(['Add a lag alert', 'Shard the queue']);
	});
});

describe('an MDX page', () => {
	it('does not take an import line for the title', () => {
		const i = parse(
			`
			import { Callout } from '@/components/Callout'
			export const meta = { draft: false }

			Cache poisoning on signed-in pages
		`,
			{ path: 'post.mdx.md' },
		);
		expect(i.title).toBe('Cache poisoning on signed-in pages');
	});
});

describe('incident-rca explain', () => {
	const text = dedent(`
		# DNS outage
		## Timeline
		- 10:00 Alert fired
		- 10:30 Resolved
		## Action items
		- [ ] Add a TTL check @sam
	`);
	it('gives each line its kind and what was taken from it', () => {
		const x = explainNote(text, { parseYaml, path: 'dns.md' });
		const line = (n: number) => x.lines[n - 1];
		expect(line(1)).toMatchObject({ kind: 'heading', taken: ['section (unnamed)'] });
		expect(line(3)).toMatchObject({ kind: 'list', section: ['timeline'] });
		expect(line(3).taken.some((t) => t.startsWith('row 10:00') && t.includes('detected'))).toBe(true);
		expect(line(6).taken.some((t) => t.startsWith('item [open, owner sam'))).toBe(true);
		expect(x.isIncident).toBe(true);
	});
	it('prints it from the CLI, with no control code of the note reaching the terminal', async () => {
		const fs = await import('node:fs');
		const os = await import('node:os');
		const path = await import('node:path');
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rca-explain-'));
		const file = path.join(dir, 'dns.md');
		fs.writeFileSync(file, text.replace('Alert fired', 'Alert \u001b[2J fired'));
		let out = '';
		const code = await run(
			['explain', file],
			(s) => (out += s),
			() => undefined,
		);
		fs.rmSync(dir, { recursive: true, force: true });
		expect(code).toBe(0);
		expect(out).toContain('an incident note in folder form: yes');
		expect(out).toMatch(/^6 checkbox +\[actions\] +- \[ \] Add a TTL check @sam {2}⟵ item \[open, owner sam\]/m);
		expect(out).not.toContain('\u001b');
	});
});

describe('a heading per timeline row', () => {
	it('takes the time from the heading and the text from the first line under it', () => {
		const i = parse(`
			# Hub outage
			## Timeline (times in UTC)
			### 5:00 PM
			Incident declared
			> a chat message quoted under the row

			### 5:32 PM
			Uptime check fails
			- a detail of this moment
			- and another

			### ~5:55-6:05 PM
			Hub redeployed
		`);
		expect(i.timeline.map((e) => [e.time, e.text])).toEqual([
			['17:00', 'Incident declared'],
			['17:32', 'Uptime check fails'],
			['17:55', 'Hub redeployed'],
		]);
		expect(i.durationMinutes).toBe(55);
	});
	it('but a time heading over timed rows of its own only heads them', () => {
		const i = parse(`
			## Timeline
			### 22:04-23:00 UTC: Split detected
			- 22:04 Operators report invalid blocks
			- 22:31 Two clients rejected the block
			### 23:00 UTC: Cause and fix
			- 23:12 The mistyped parameter is found
		`);
		expect(i.timeline.map((e) => e.time)).toEqual(['22:04', '22:31', '23:12']);
	});
});

describe('a time followed by -HH:MM', () => {
	it('is a range in prose and an offset in ISO form', () => {
		const range = parse('## Timeline\n- 10:00-11:00 Maintenance window\n- 11:30 Done\n');
		// The end of the range stays in the row's text; it is not read as a zone of UTC-11.
		expect(range.timeline[0]).toMatchObject({ time: '10:00', text: '11:00 Maintenance window' });
		expect(range.durationMinutes).toBe(90);
		const iso = parse('## Timeline\n- 2025-03-01T10:00-05:00 Alert fired\n- 2025-03-01T16:00Z Resolved\n');
		expect(iso.timeline[0].at).toBe('2025-03-01T10:00-05:00');
		expect(iso.durationMinutes).toBe(60);
	});
});

describe('actions introduced by a sentence, and done by what the note says', () => {
	it('a list after "… we will …:" is actions, with pasted • bullets', () => {
		const i = parse(`
			# Validation outage: March 3, 2025
			From 23:29 UTC to 02:45 UTC validations failed. We will be making some changes to catch this sooner in the future:

			  • Alert when successful validations drop below a threshold
			  • Add issuance to the change checklist
		`);
		expect(i.actionItems.map((a) => [a.action, a.done])).toEqual([
			['Alert when successful validations drop below a threshold', false],
			['Add issuance to the change checklist', false],
		]);
	});
	it('a list after "The following items are already completed:" is done, and so is an item with a check mark', () => {
		const i = parse(`
			## Action items
			The following action items are already completed:

			- Stop loading the chart for anonymous users
			- Remove the auto refresh

			## Follow-ups
			- ✅ Add integration tests for the fetch wrapper
			- Document the release process
		`);
		expect(i.actionItems.map((a) => [a.action, a.done])).toEqual([
			['Stop loading the chart for anonymous users', true],
			['Remove the auto refresh', true],
			['Add integration tests for the fetch wrapper', true],
			['Document the release process', false],
		]);
	});
	it('"Key events" is a summary of the incident, not its timeline', () => {
		const i = parse(`
			# Certificates
			- **Key events**
			  - First detected 2021-07-12 15:44
			  - Resolved 2021-07-13 11:49
		`);
		expect(i.timeline).toEqual([]);
	});
});

describe('an MDX page that exports its metadata', () => {
	const page = `
		import { PostLayout } from '@/components/PostLayout'

		export const post = {
		  draft: false,
		  author: 'Mira',
		  date: '2024-06-20',
		  title: 'Queue stall: what happened',
		}

		export default (props) => <PostLayout article={post} {...props} />

		## **What happened?**

		On June 3rd ’24 our job queue stopped taking work for most of the afternoon.

		## **Resolving the stall**

		**Immediate fixes:**

		- Drained the queue: we moved stuck jobs to a new worker pool
		- Raised the worker memory limit

		## **The Following 3 Weeks**

		- Wrote a load test for the queue
	`;

	it('reads title and author from the exported object, and its lines are not text', () => {
		const i = parse(page, { path: 'blog/queue.md' });
		expect(i.title).toBe('Queue stall: what happened');
		expect(i.author).toBe('Mira');
		// The summary is what the page says happened, never the object's description or its JavaScript.
		expect(i.summary).toBe('On June 3rd ’24 our job queue stopped taking work for most of the afternoon.');
	});

	it('dates the incident from its text, not from the publication date', () => {
		expect(parse(page, { path: 'blog/queue.md' }).date).toBe('2024-06-03');
		// Without a date in the text, the publication date is all there is.
		const bare = page.replace('On June 3rd ’24 our', 'Our');
		expect(parse(bare, { path: 'blog/queue.md' }).date).toBe('2024-06-20');
	});

	it('takes fixes and the work of the following weeks as actions, the fixing section as resolution', () => {
		const i = parse(page, { path: 'blog/queue.md' });
		expect(i.actionItems.map((a) => a.action)).toEqual([
			'Drained the queue: we moved stuck jobs to a new worker pool',
			'Raised the worker memory limit',
			'Wrote a load test for the queue',
		]);
		expect(i.resolution).toContain('moved stuck jobs');
	});
});

describe('dates as people write them', () => {
	it('a range takes its first day and the year written at its end', () => {
		expect(parse('# Slow builds\n\nBetween March 28 and April 2, 2025 builds were slow.').date).toBe('2025-03-28');
		expect(parse('# Slow builds\n\nFrom December 30 to January 2, 2025 builds were slow.').date).toBe('2024-12-30');
		expect(parse('# Slow builds\n\n**Date:** May 6-9, 2025').date).toBe('2025-05-06');
	});

	it('a title dated M-DD-YY', () => {
		expect(parse('# Checkout outage 7-14-23\n\nText.').date).toBe('2023-07-14');
		expect(parse('# Checkout outage 27-4-23\n\nText.').date).toBe('2023-04-27');
	});

	it('numeric dates in the order the document uses', () => {
		const rows = (first: string): string[] =>
			parse(
				`# Mail queue stuck from April 6 to April 9, 2024\n\n## Timeline\n\n- ${first}\n- 09/04/2024 10:15 - Fixed`,
			).timeline.map((e) => e.at ?? '');
		// Every date could be either order: the one near the title's date wins (day first here).
		expect(rows('06/04/2024 08:00 - Stuck')).toEqual(['2024-04-06T08:00', '2024-04-09T10:15']);
		// A day over 12 in the first place says day first however far the title is.
		const us = parse('# Mail queue\n\n## Timeline\n\n- 02-13-2025 11:00 pm - Stuck\n- 02-14-2025 1:30 am - Fixed');
		expect(us.timeline.map((e) => e.at)).toEqual(['2025-02-13T23:00', '2025-02-14T01:30']);
		expect(us.durationMinutes).toBe(150);
	});

	it('a document dated only by a date it mentions is dated by its timeline', () => {
		const i = parse(`
			# Stalled deploys

			## Timeline (PST) 03/20/2024 - 03/28/2024

			03-12-2024

			7:05 PM - Deploys stall
			7:40 PM - Rolled back
		`);
		expect(i.date).toBe('2024-03-12');
		expect(i.timeline.map((e) => e.at)).toEqual(['2024-03-12T19:05-08:00', '2024-03-12T19:40-08:00']);
	});
});

describe('times as people write them', () => {
	it('a 24-hour time with a redundant AM or PM', () => {
		const i = parse(`
			# Disk full
			Date: 2024-05-01
			## Timeline
			13:55 PM UTC: Disk alarms
			23:10 AM UTC: Disk freed
		`);
		expect(i.timeline.map((e) => e.time)).toEqual(['13:55', '23:10']);
		expect(i.durationMinutes).toBe(555);
	});

	it('the day written after the time, and bare times that continue from a dated row', () => {
		const i = parse(`
			# Token leak
			## Timeline
			11:30 PM PST Friday May 3rd 2024: Token found in a log
			00:20 AM PST Saturday May 4th 2024: Token revoked
			01:05 AM PST: Keys rotated
		`);
		expect(i.timeline.map((e) => e.at)).toEqual([
			'2024-05-03T23:30-08:00',
			'2024-05-04T00:20-08:00',
			'2024-05-04T01:05-08:00',
		]);
	});

	it('"at approximately" a time with its zone and a date after it', () => {
		const i = parse(`
			# Certificate revoked
			Timeline of events:
			  • - At approximately 22:10 UTC on 08/14/2022 monitors alerted
			  • - At approximately 23:55 UTC, the cause was found
			  • - At approximately 01:30 UTC 08/15/2022, a new certificate was issued
			  • - At approximately 02:00 UTC, services were restored
		`);
		expect(i.timeline.map((e) => e.at)).toEqual([
			'2022-08-14T22:10Z',
			'2022-08-14T23:55Z',
			'2022-08-15T01:30Z',
			'2022-08-15T02:00Z',
		]);
		expect(i.durationMinutes).toBe(230);
	});

	it('a heading that starts with a day-first date is not an ordinal list item', () => {
		const i = parse(`
			# Builds lost
			## Timeline
			All times in CEST
			### 2019-06-10 22:40
			Builds start failing.
			### 11. June, 09:15
			Cache rebuilt.
			### 09:50
			Builds pass.
		`);
		expect(i.timeline.map((e) => e.at)).toEqual([
			'2019-06-10T22:40+02:00',
			'2019-06-11T09:15+02:00',
			'2019-06-11T09:50+02:00',
		]);
	});

	it('a table whose date column header carries the year', () => {
		const i = parse(`
			# Phishing report
			## Timeline
			| Day | Date (2022) | Time (PT) | Event |
			|-----|-------------|-----------|-------|
			| Fri | Dec 30 | 22:10 | Report arrives |
			| Sat | Dec 31 | 09:00 | Account locked |
		`);
		expect(i.date).toBe('2022-12-30');
		// "PT" does not say whether summer time applies: no offset is guessed.
		expect(i.timeline.map((e) => e.at)).toEqual(['2022-12-30T22:10', '2022-12-31T09:00']);
	});
});

describe('status-page updates stamped after their text', () => {
	it('reads each update at its stamp, newest first put back in time order', () => {
		const i = parse(`
			# Slow uploads
			Incident Report for Example Cloud

			Resolved
			Uploads are fast again.
			Posted Jul 09, 2024 - 16:40 UTC

			Update
			A fix is rolling out.
			Posted Jul 09, 2024 - 15:05 UTC

			Investigating
			We are looking into slow uploads.
			Posted Jul 09, 2024 - 14:10 UTC
		`);
		expect(i.timeline.map((e) => [e.at, e.text])).toEqual([
			['2024-07-09T14:10Z', 'We are looking into slow uploads.'],
			['2024-07-09T15:05Z', 'A fix is rolling out.'],
			['2024-07-09T16:40Z', 'Uploads are fast again.'],
		]);
		expect(i.durationMinutes).toBe(150);
		expect(i.problems.map((p) => p.code)).not.toContain('timeline-out-of-order');
	});

	it('a long update (the postmortem itself) may leave a blank line before its stamp', () => {
		const i = parse(`
			# Slow uploads
			Incident Report for Example Cloud
			Postmortem
			A storage node ran out of inodes.

			We have added an alert on inode use.

			Posted Jul 10, 2024 - 09:00 UTC

			Resolved
			Uploads are fast again.
			Posted Jul 09, 2024 - 16:40 UTC
		`);
		expect(i.timeline.map((e) => [e.at, e.text])).toEqual([
			['2024-07-09T16:40Z', 'Uploads are fast again.'],
			['2024-07-10T09:00Z', 'We have added an alert on inode use.'],
		]);
	});
});

describe('the line record: each line classified once', () => {
	const note = dedent(`
		---
		severity: SEV2
		---
		Queue outage
		============
		Severity: SEV2
		## Timeline
		| Time | Event |
		|------|-------|
		| 10:00 | Alert |
		**Follow-ups:**
		- Add an alert
		> - [x] Drain the queue
		> [!note] A callout
		\`\`\`
		- not an item
		\`\`\`

		Plain text.
	`);

	it('gives each line its kind, the one explain prints', () => {
		const kinds = explainNote(note, { parseYaml, path: 'q.md' }).lines.map((l) => l.kind);
		expect(kinds).toEqual([
			'frontmatter',
			'frontmatter',
			'frontmatter',
			'heading',
			'heading',
			'key-value',
			'heading',
			'table-header',
			'table-row',
			'table-row',
			'label',
			'list',
			'checkbox',
			'quote',
			'code',
			'code',
			'code',
			'blank',
			'prose',
			'blank',
		]);
	});

	it('keeps the markers as features: item, quoted, checkbox and where the text starts', () => {
		const { doc } = parseNote(note, { parseYaml, path: 'q.md' });
		const task = doc.lines[12];
		expect(task).toMatchObject({ item: true, quoted: true, box: 'x' });
		expect(task.raw.slice(task.body)).toBe('Drain the queue');
		const bullet = doc.lines[11];
		expect(bullet).toMatchObject({ item: true, quoted: false, box: null });
		expect(bullet.raw.slice(bullet.body)).toBe('Add an alert');
		// A fenced line that looks like a list item is code, nothing else.
		expect(doc.lines[15]).toMatchObject({ kind: 'code', item: false });
	});
});

describe('actions written as prose', () => {
	it('a paragraph that commits to something is a task however long, wrapped or not; one that narrates is not', () => {
		const i = parse(`
			# Proxy upgrade
			- **Review actions**:
			  The platform team will ask every service team to try new proxy versions on the staging ingress before each rollout, and will publish the dates of each rollout a week ahead so that teams can plan their own testing around it.

			### Corrective measures
			The faulty rule was switched off for every service on the platform as soon as the cause was known, and the rule set was pinned to the last version that had worked for all of them.

			### Future actions
			The next platform release will keep staging and production traffic on separate
			ingress controllers, so staging tests see exactly what production will.
		`);
		expect(i.actionItems.map((a) => a.action)).toEqual([
			'The platform team will ask every service team to try new proxy versions on the staging ingress before each rollout, and will publish the dates of each rollout a week ahead so that teams can plan their own testing around it.',
			'The next platform release will keep staging and production traffic on separate ingress controllers, so staging tests see exactly what production will.',
		]);
	});

	it('a sentence that introduces a list with a colon is not a task itself', () => {
		const i = parse(`
			# Login outage
			Corrective Measures:
			To stop this from happening again, the team will put in place several
			changes, including:
			Testing upgrades on a copy of production first.
			Alerting on failed logins.
		`);
		expect(i.actionItems.map((a) => a.action)).toEqual([
			'Testing upgrades on a copy of production first.',
			'Alerting on failed logins.',
		]);
	});
});

describe('sections named by questions', () => {
	it('each question names one kind, whatever other words it holds', () => {
		const i = parse(`
			# PIR – Slow sign-ins
			## What happened?
			Sign-ins were slow for an hour.
			## What went wrong and why?
			A cache node was removed while it was still serving.
			## How did we respond?
			- 09:00 UTC – Alerts fired
			- 10:00 UTC – Node restored
			## How are we making incidents like this less likely?
			- We have added a drain step before removing nodes. (Completed)
			- We are adding a capacity alert. (Estimated completion: 2025-03-01)
			- We will document the removal procedure. (In progress)
			## How can customers make incidents like this less impactful?
			- Retry sign-ins with back-off.
		`);
		expect(i.summary).toBe('Sign-ins were slow for an hour.');
		expect(i.rootCause).toBe('A cache node was removed while it was still serving.');
		expect(i.lessonsLearned).toBeNull();
		expect(i.durationMinutes).toBe(60);
		expect(i.actionItems.map((a) => [a.action, a.done, a.due])).toEqual([
			['We have added a drain step before removing nodes.', true, null],
			['We are adding a capacity alert.', false, '2025-03-01'],
			['We will document the removal procedure.', false, null],
		]);
	});
});

describe('tasks labelled in bold, and follow-ups introduced by a sentence', () => {
	it('"**DONE**:", "**TODO**" and "**Action item:**" paragraphs are tasks wherever they stand', () => {
		const i = parse(`
			# Disk full on the build host
			## Lessons learned
			Temporary debug logging should expire on its own.

			**DONE**: Sam added the build host to the uptime checks.

			**TODO**: Ana would like an alert on the log volume,
			sent to the chat channel and not only by e-mail.

			**TODO** debug logging should switch itself off after a day.

			**Action item:** rotate the build logs every night.
		`);
		expect(i.actionItems.map((a) => [a.action, a.done])).toEqual([
			['Sam added the build host to the uptime checks.', true],
			['Ana would like an alert on the log volume, sent to the chat channel and not only by e-mail.', false],
			['debug logging should switch itself off after a day.', false],
			['rotate the build logs every night.', false],
		]);
	});

	it('a sentence that says what will change introduces the list after it', () => {
		const i = parse(`
			# Signing timeouts

			A lowered connection limit made signing requests time out.

			Here is what we are changing so that this does not happen again:

			  • Load test every change to connection limits.
			  • Alert on signing errors above 2%.

			We are sorry for the trouble.
		`);
		expect(i.actionItems.map((a) => a.action)).toEqual([
			'Load test every change to connection limits.',
			'Alert on signing errors above 2%.',
		]);
	});
});

describe('more task markers', () => {
	it('plain "Action point:" paragraphs, a bullet under one saying it is done, and a plain TODO left alone', () => {
		const i = parse(`
			# Fork after a security release
			## Lessons learned
			Action point: set up an announcement list for downstream projects.
			- This has been done.

			Action point: keep the fork monitor responsive under load.

			TODO: ask the release team for the exact dates
		`);
		expect(i.actionItems.map((a) => [a.action, a.done])).toEqual([
			['set up an announcement list for downstream projects.', true],
			['keep the fork monitor responsive under load.', false],
		]);
	});

	it('"Actionables", with a struck-through item done', () => {
		const i = parse(`
			# Search returned nothing
			## Actionables
			- Add an alert on empty search results
			- ~~Announce index migrations in the calendar~~ (done)
		`);
		expect(i.actionItems.map((a) => [a.action, a.done])).toEqual([
			['Add an alert on empty search results', false],
			['Announce index migrations in the calendar', true],
		]);
	});
});

describe('more dates', () => {
	it('Japanese and Korean dates', () => {
		expect(parse('# 障害報告\n\n2024年6月18日午前11時に発生しました。').date).toBe('2024-06-18');
		expect(parse('# 장애 보고\n\n2025년 10월 3일 오후에 발생했습니다.').date).toBe('2025-10-03');
	});

	it('a day-first range with weekdays', () => {
		expect(parse('# Webhooks failing\n\n**Date:** Tuesday 18 - Thursday 20 March 2025').date).toBe('2025-03-18');
	});

	it('rows that write no year take it from the title, and date the incident', () => {
		const i = parse(`
			Search delays (June 2025)
			=========================
			* Jun 3, 22:17 — Lag alert fires
			* Jun 4, 01:05 — Index rebuilt, lag back to normal
		`);
		expect(i.date).toBe('2025-06-03');
		expect(i.durationMinutes).toBe(168);
	});

	it('a Date line no dated row falls on is when the report was written', () => {
		const i = parse(`
			# Upgrade stall
			Date: Apr 16, 2025
			## Timeline
			### April 9, 2025
			- 09:40 Nodes stop syncing
			- 11:10 Patched release out
		`);
		expect(i.date).toBe('2025-04-09');
		expect(i.timeline.map((e) => e.at)).toEqual(['2025-04-09T09:40', '2025-04-09T11:10']);
		// A frontmatter date is the author's own word, and stays.
		const own = parse(
			`---\ndate: 2025-04-16\n---\n# Upgrade stall\n## Timeline\n### April 9, 2025\n- 09:40 Nodes stop`,
		);
		expect(own.date).toBe('2025-04-16');
	});
});

describe('an issue-tracker postmortem', () => {
	const note = `
		# Outage 2021-03-02
		### Summary
		- **What is wrong?** Search returns errors
		- **What caused it?** The search node ran out of disk
		- **What fixed it?** Freeing disk and restarting the node
		- **Followup actions:**
		    - [ ] Alert on disk use above 80%
		### Steps to close
		1. [x] Labels: is an Affects label applied?
		2. [x] "What caused it?" answered in the summary
		- **Time to resolve**: 3h 05m
	`;

	it('reads bold questions as the sections they ask about', () => {
		const i = parse(note);
		expect(i.rootCause).toBe('The search node ran out of disk');
		expect(i.resolution).toBe('Freeing disk and restarting the node');
	});

	it('the boxes of a "Steps to close" checklist are not action items', () => {
		expect(parse(note).actionItems.map((a) => a.action)).toEqual(['Alert on disk use above 80%']);
	});

	it('"Time to resolve" is the declared duration', () => {
		expect(parse(note).declaredDurationMinutes).toBe(185);
	});
});

describe('the lines that hold text', () => {
	it('lists every line after the frontmatter that is not code, a comment or blank', () => {
		const note = [
			'---',
			'severity: SEV2',
			'---',
			'Text',
			'<!-- hint',
			'',
			'still hint -->',
			'',
			'```',
			'a',
			'',
			'b',
			'```',
			'   ',
			'After',
		].join('\n');
		const { doc } = parseNote(note, { parseYaml, path: 'q.md' });
		expect(doc.content).toEqual([3, 14]);
		// Empty lines inside the comment and the fence are code; the others blank.
		expect([5, 7, 10, 13].map((i) => doc.lines[i].kind)).toEqual(['code', 'blank', 'code', 'blank']);
	});

	it('ends a converted note’s archived original text at its first empty line', () => {
		const note = [
			'# Outage',
			'## Action items',
			'> [!note]- Original text',
			'> - [ ] Old task',
			'',
			'> - [ ] New task',
		].join('\n');
		const { incident, doc } = parseNote(note, { parseYaml, path: 'q.md' });
		expect(incident.actionItems.map((a) => [a.action, a.line])).toEqual([['New task', 6]]);
		expect(doc.content).toEqual([0, 1, 5]);
	});

	it('numbers the lines after a million empty ones', () => {
		const note = `# T\n## Action items\n${'\n'.repeat(1_000_000)}- [ ] Fix it\n`;
		const { incident } = parseNote(note, { parseYaml, path: 'q.md' });
		expect(incident.actionItems.map((a) => a.line)).toEqual([1_000_003]);
	});
});
