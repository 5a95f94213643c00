/** A note in a team's own words and the words file that teaches them: shared by the core, CLI and plugin tests. */

/** A German team's template: no heading, column or key the built-in words know. */
export const TEAM_NOTE = `---
title: Zahlungen fallen aus
schweregrad: SEV2
zustand: erledigt
---
# Zahlungen fallen aus

## Chronik

| Uhrzeit (UTC) | Geschehen |
|---|---|
| 10:02 | Pager ging los |
| 10:10 | Dana übernimmt |
| 10:40 | Entwarnung gegeben |

## Folgearbeiten

| Aufgabe | Zuständig | Bis |
|---|---|---|
| Retry-Budget begrenzen | mei.lin | 2025-04-01 |
`;

export const TEAM_WORDS_JSON = {
	sections: { timeline: ['Chronik'], actions: ['Folgearbeiten'] },
	columns: { time: ['Uhrzeit'], event: ['Geschehen'], owner: ['Zuständig'], due: ['Bis'] },
	milestones: { detected: ['Pager ging los'], acknowledged: ['übernimmt'], resolved: ['Entwarnung'] },
	keys: { severity: ['schweregrad'], status: ['zustand'] },
	statuses: { closed: ['erledigt'] },
	people: { 'Mei Lin': ['mei.lin', '@mlin'] },
};
