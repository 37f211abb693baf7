// What the popup may call in the background for AITP. Only public data crosses it.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AitpApi {}
