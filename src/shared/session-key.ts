/** The storage.session key of the unlocked session; pages watch it to follow lock and unlock. */
export const SESSION_KEY = 'unlockedSession';
