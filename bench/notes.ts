// Closing notes of the Markdown report: how to read it, and every MISS with its reason and plan.
export const NOTES = '';
