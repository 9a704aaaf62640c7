/**
 * Bounds of an organizer password set through the console (ORGANIZER_PASSWORD has the same).
 * Kept apart from the schema so the apps can show them without loading zod.
 */
export const ORGANIZER_PASSWORD_MIN = 8;
export const ORGANIZER_PASSWORD_MAX = 200;
