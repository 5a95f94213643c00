/**
 * Dates formatted with the tokens Obsidian users type: moment's (`{{date:YYYY-MM-DD}}`, `{{date:dddd}}`,
 * `{{time:HH:mm}}`), as Obsidian's own Templates and Daily notes plugins read them. Each token is rendered by
 * date-fns with its own pattern; text in `[brackets]` and anything that is not a token is kept as written.
 */
import { format, getISOWeek, getISOWeekYear } from 'date-fns';

/** moment token → how to write it. Longest first, so `YYYY` is tried before `YY` and `dddd` before `d`. */
const TOKENS: [string, (d: Date) => string][] = [
	['YYYY', (d) => format(d, 'yyyy')],
	['YY', (d) => format(d, 'yy')],
	['MMMM', (d) => format(d, 'MMMM')],
	['MMM', (d) => format(d, 'MMM')],
	['MM', (d) => format(d, 'MM')],
	['Mo', (d) => format(d, 'Mo')],
	['M', (d) => format(d, 'M')],
	['DDDD', (d) => format(d, 'DDD')],
	['DDD', (d) => format(d, 'D')],
	['DD', (d) => format(d, 'dd')],
	['Do', (d) => format(d, 'do')],
	['D', (d) => format(d, 'd')],
	['dddd', (d) => format(d, 'EEEE')],
	['ddd', (d) => format(d, 'EEE')],
	['dd', (d) => format(d, 'EEEEEE')],
	['d', (d) => String(d.getDay())],
	['E', (d) => format(d, 'i')],
	['GGGG', (d) => String(getISOWeekYear(d))],
	['WW', (d) => String(getISOWeek(d)).padStart(2, '0')],
	['W', (d) => String(getISOWeek(d))],
	['Q', (d) => format(d, 'Q')],
	['HH', (d) => format(d, 'HH')],
	['H', (d) => format(d, 'H')],
	['hh', (d) => format(d, 'hh')],
	['h', (d) => format(d, 'h')],
	['mm', (d) => format(d, 'mm')],
	['m', (d) => format(d, 'm')],
	['ss', (d) => format(d, 'ss')],
	['s', (d) => format(d, 's')],
	['SSS', (d) => format(d, 'SSS')],
	['A', (d) => format(d, 'a')],
	['a', (d) => format(d, 'a').toLowerCase()],
	['ZZ', (d) => format(d, 'xx')],
	['Z', (d) => format(d, 'xxx')],
	['X', (d) => String(Math.floor(d.getTime() / 1000))],
	['x', (d) => String(d.getTime())],
];

/** A date written in a moment format ("YYYY-MM-DD", "dddd, MMMM Do", "[Week] W"). */
export function formatMoment(date: Date, pattern: string): string {
	let out = '';
	let i = 0;
	while (i < pattern.length) {
		if (pattern[i] === '[') {
			const close = pattern.indexOf(']', i + 1);
			if (close !== -1) {
				out += pattern.slice(i + 1, close);
				i = close + 1;
				continue;
			}
		}
		const token = TOKENS.find(([t]) => pattern.startsWith(t, i));
		if (token) {
			out += token[1](date);
			i += token[0].length;
		} else {
			out += pattern[i];
			i++;
		}
	}
	return out;
}
