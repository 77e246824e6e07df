// A text as a fragment of an element id or a file name: lower case, runs of anything but a–z and
// 0–9 as one hyphen, none at the ends. The team's measures page names each chart
// `measure-<slug of its id>`, which links to a measure use.
export const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
