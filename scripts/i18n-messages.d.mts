// Types of scripts/i18n-messages.mjs, for the tests that import it.
export const LANGUAGES: string[];
export const messagesDir: string;
export function fileOf(language: string): string;
export const KEY_PATTERN: RegExp;
export function readMessages(language: string): Record<string, string>;
export function shapeOf(message: string): { args: Set<string>; plurals: { name: string; ordinal: boolean; options: string[] }[] };
export function problemsOf(language: string, key: string, message: unknown, english: string | undefined): string[];
