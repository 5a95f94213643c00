import { parse } from './helpers';
it('x', () => {
	const i = parse('## Action Items\n- Restore tolerance — Owner: Jonas Lindqvist, Due: 2025-02-05\n- OPS-2302 — Make X (Assignee: Beatriz Souza, Due: 2025-07-22, Status: Done)\n- [ ] Alert when — Owner: Olu Adeyemi — Due: 2025-03-21\n- Review until OPS-2311 and OPS-2312 are closed\n');
	console.log(i.actionItems.map(a => JSON.stringify([a.action, a.owner, a.due, a.done, a.tickets])).join('\n'));
});
