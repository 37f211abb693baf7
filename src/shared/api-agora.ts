// What the popup may call in the background for AGORA. Only public data crosses it.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AgoraApi {}
